"""The one table of the words people read, Vietnamese first, with English.

Every word a person reads that the server or a page's script produces is a key of
MESSAGES, as (vi, en): API error messages by code, and page words by group
("kiosk.title", "console.paused"). Faces register their own keys into this table at
import (`register`, `register_group`); a code defined twice is an error. Pages' scripts
hold no words: the page renders the words of its groups in its own language
(a template names them, `{% set word_groups = (...) %}`; base.html puts them in
`window.motcuaWords`), and the scripts read them through `motcuaWord(key, params)`
(motcua/static/words.js). The service worker keeps those pages, words included, for
when the server cannot be reached, and takes its own words from /sw-words.js.

Templates take their own text from the table with `word(key)` in the page's language;
the admin pages' language is their office's (motcua/admin/language.py).
tests/test_words.py guards all of it.
"""

from __future__ import annotations

import logging
import os
from typing import Any

#: Set (to anything but "0") to make an unknown code raise instead of falling back.
STRICT_ENV = "MOTCUA_STRICT_WORDS"
_log = logging.getLogger(__name__)

MESSAGES: dict[str, tuple[str, str]] = {
    "bad_json": (
        "Dữ liệu gửi lên không phải JSON hợp lệ.",
        "The body is not valid JSON.",
    ),
    "bad_request": ("Yêu cầu không hợp lệ.", "The request is not valid."),
    "invalid_field": (
        "Trường '{field}' không hợp lệ: {reason}.",
        "Field '{field}' is not valid: {reason}.",
    ),
    "unknown_field": ("Không nhận trường '{field}'.", "Unknown field '{field}'."),
    "too_large": ("Dữ liệu gửi lên quá lớn.", "The request body is too large."),
    "uri_too_long": ("Địa chỉ yêu cầu quá dài.", "The request address is too long."),
    "not_found": ("Không tìm thấy địa chỉ này.", "Nothing is at this address."),
    "method_not_allowed": (
        "Phương thức này không được hỗ trợ ở đây.",
        "This method is not allowed here.",
    ),
    "internal": (
        "Hệ thống gặp lỗi, vui lòng thử lại. Không có dữ liệu nào bị mất.",
        "The server had a problem; please try again. Nothing was lost.",
    ),
    "unavailable": (
        "Cơ sở dữ liệu tạm thời không phản hồi, vui lòng thử lại sau ít giây.",
        "The database is not answering; please try again in a few seconds.",
    ),
    "rate_limited": (
        "Quá nhiều yêu cầu, vui lòng chờ một lát.",
        "Too many requests; please wait a moment.",
    ),
    "unauthenticated": (
        "Cần đăng nhập hoặc mã thiết bị hợp lệ.",
        "Sign in or use a valid device token.",
    ),
    "not_a_staff_token": (
        "Chỉ tài khoản cán bộ mới đăng xuất; mã thiết bị do quản trị viên thu hồi.",
        "Only staff sign out; device tokens are revoked by an admin.",
    ),
    "bad_credentials": (
        "Sai tên đăng nhập hoặc mật khẩu.",
        "Wrong username or password.",
    ),
    "not_allowed": (
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    "last_admin": (
        "Đây là quản trị viên cuối cùng của đơn vị: không thể hạ vai trò, khóa hay "
        "xóa tài khoản này. Hãy cho một người khác vai trò Quản trị trước.",
        "This is the office's last admin: the account cannot be demoted, deactivated "
        "or removed. Make someone else an admin first.",
    ),
    "counter_not_allowed": (
        "Bạn không được phân công làm việc tại quầy {counter}.",
        "You are not assigned to counter {counter}.",
    ),
    "priority_needs_staff": (
        "Số ưu tiên do cán bộ hoặc người hướng dẫn cấp.",
        "Priority numbers are given by staff or a helper.",
    ),
    "unknown_office": ("Không có đơn vị '{office}'.", "No office '{office}'."),
    "unknown_service": (
        "Không có lĩnh vực '{service}'.",
        "No service field '{service}'.",
    ),
    "unknown_counter": ("Không có quầy số {counter}.", "No counter {counter}."),
    "unknown_ticket": ("Không tìm thấy số thứ tự này.", "This ticket was not found."),
    "unknown_priority": (
        "Không có loại ưu tiên '{priority}'.",
        "No priority class '{priority}'.",
    ),
    "unknown_lang": (
        "Ngôn ngữ '{lang}' không được hỗ trợ.",
        "Language '{lang}' is not supported.",
    ),
    "service_closed": (
        "Lĩnh vực này hiện đã ngừng cấp số.",
        "This field is not issuing numbers now.",
    ),
    "office_closed": (
        "Đã ngoài giờ cấp số (giờ làm việc hôm nay: {hours}). Bạn vẫn có thể tra cứu "
        "hồ sơ, xem hướng dẫn thủ tục hoặc đặt lịch hẹn qua điện thoại.",
        "Numbers are given only in opening hours (today: {hours}). You can still look "
        "up a dossier, read the procedure guide or book a visit by phone.",
    ),
    "daily_cap_reached": (
        "Lĩnh vực này đã hết số trong ngày hôm nay.",
        "This field has given all of today's numbers.",
    ),
    "range_exhausted": (
        "Lĩnh vực này đã dùng hết dãy số của ngày.",
        "This field has used its whole number range today.",
    ),
    "person_cap_reached": (
        "Mỗi người chỉ được lấy tối đa {cap} số mỗi ngày.",
        "Each person may take at most {cap} numbers a day.",
    ),
    "bad_person_id": (
        "Số điện thoại hoặc số định danh không hợp lệ.",
        "The phone or ID number is not valid.",
    ),
    "bad_state": (
        "Không thể thực hiện: số này đang ở trạng thái '{status}'.",
        "Not possible: this ticket is '{status}'.",
    ),
    "counter_paused": (
        "Quầy {counter} đang tạm dừng; hãy mở lại quầy trước.",
        "Counter {counter} is paused; resume it first.",
    ),
    "service_not_served": (
        "Quầy {counter} không phục vụ lĩnh vực của số này.",
        "Counter {counter} does not serve this ticket's field.",
    ),
    "counter_busy": (
        "Quầy {counter} vẫn đang gọi hoặc phục vụ số {number}: hãy ghi Xong hoặc "
        "Vắng mặt cho số này trước khi gọi tiếp.",
        "Counter {counter} still has number {number}: mark it finished or no-show "
        "before calling the next.",
    ),
    "not_current": (
        "Số này không còn là số đang phục vụ tại quầy {counter}; không có gì thay "
        "đổi. Hãy xem lại màn hình.",
        "That ticket is no longer current at counter {counter}; nothing changed. "
        "Check the screen again.",
    ),
    "transfer_no_counter": (
        "Chưa có quầy nào phục vụ lĩnh vực {service}: không thể chuyển số đến đó.",
        "No counter serves field {service}: the ticket cannot be sent there.",
    ),
    "grace_expired": (
        "Đã quá thời gian cho phép quay lại hàng chờ.",
        "The time to return to the queue has passed.",
    ),
    "transfer_target": (
        "Hãy chọn đúng một nơi chuyển đến: lĩnh vực hoặc quầy.",
        "Choose exactly one target: a field or a counter.",
    ),
    "pause_reason": (
        "Hãy nhập lý do tạm dừng (tối đa 200 ký tự).",
        "Give a reason for the pause (at most 200 characters).",
    ),
    "busy_retry": ("Hệ thống đang bận, vui lòng thử lại.", "Busy; please try again."),
    "command_pending": (
        "Lệnh đang được xử lý, vui lòng chờ.",
        "The command is still being processed.",
    ),
    "bad_slug": (
        "Mã đơn vị '{slug}' không hợp lệ.",
        "Office code '{slug}' is not valid.",
    ),
    "office_exists": (
        "Đơn vị '{office}' đã tồn tại.",
        "Office '{office}' already exists.",
    ),
    "user_exists": (
        "Tài khoản '{username}' đã tồn tại.",
        "User '{username}' already exists.",
    ),
    "bad_role": ("Vai trò '{role}' không hợp lệ.", "Role '{role}' is not valid."),
    "weak_password": (
        "Mật khẩu cần ít nhất 8 ký tự.",
        "The password needs at least 8 characters.",
    ),
    "bad_range": (
        "Dãy số không hợp lệ (0-9999).",
        "The number range is not valid (0-9999).",
    ),
    "range_overlap": (
        "Dãy số {range} trùng với dãy {other_range} của lĩnh vực “{other}”: hai "
        "người sẽ cùng một số. Hãy chọn dãy khác, ví dụ dãy còn trống {free}.",
        "Numbers {range} overlap {other_range} of the field “{other}”: two people "
        "would hold the same number. Choose another range, e.g. the free {free}.",
    ),
    "no_free_range": (
        "Không còn dãy số trống (0-9999). Hãy thu hẹp dãy số của một lĩnh vực "
        "khác ở trang Lĩnh vực.",
        "No number range is free (0-9999). Narrow another field's range first.",
    ),
    "range_given_today": (
        "Hôm nay lĩnh vực “{other}” đã cấp số {number}, nằm trong dãy {range}. "
        "Hãy chọn dãy khác, hoặc đổi dãy số sau giờ làm việc hôm nay.",
        "The field “{other}” gave number {number} today, inside {range}. Choose "
        "another range, or change it after today's opening hours.",
    ),
    "audio_unavailable": (
        "Không tạo được âm thanh thông báo (thiếu espeak-ng?).",
        "The announcement audio could not be made (is espeak-ng installed?).",
    ),
    "url_not_allowed": (
        "Không dùng được địa chỉ này: chỉ dùng địa chỉ http:// hoặc https:// nằm ngoài "
        "mạng riêng của máy chủ.",
        "This address cannot be used: only http:// or https:// addresses outside the "
        "server's own networks.",
    ),
    "bad_device_kind": (
        "Loại thiết bị '{kind}' không hợp lệ.",
        "Device kind '{kind}' is not valid.",
    ),
    "rating_needs_counter": (
        "Thiết bị đánh giá thuộc về một quầy: hãy chọn số quầy của nó.",
        "A rating tablet belongs to a counter: choose its counter number.",
    ),
}


class UnknownWords(KeyError):
    """A code with no entry in the table: a word someone forgot to write."""


def strict() -> bool:
    """Whether a code missing from the table fails loudly (the tests set it)."""
    return os.environ.get(STRICT_ENV, "") not in ("", "0")


def message(code: str, lang: str, /, **params: Any) -> str:
    """The message for a code in the language, with its parameters filled in.

    An unknown code raises UnknownWords when strict(); a running office instead
    logs it and says the general 'the request is not valid'.
    """
    pair = MESSAGES.get(code)
    if pair is None:
        if strict():
            raise UnknownWords(code)
        _log.error("no words for the code %r", code)
        pair = MESSAGES["bad_request"]
    vi, en = pair
    text = en if lang == "en" else vi
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def office_lang(settings: dict[str, Any] | None) -> str:
    """The language an office's staff pages speak: Vietnamese unless it chose."""
    chosen = (settings or {}).get("language", "vi")
    return "en" if chosen == "en" else "vi"


def register(messages: dict[str, tuple[str, str]]) -> None:
    """Faces add their own messages at import; codes must not clash."""
    clash = set(messages) & set(MESSAGES)
    if clash:
        raise ValueError(f"message codes defined twice: {sorted(clash)}")
    MESSAGES.update(messages)


def register_group(group: str, words: dict[str, tuple[str, str]]) -> None:
    """A page's words, each key under its group: "kiosk" + "title" is "kiosk.title"."""
    register({f"{group}.{key}": pair for key, pair in words.items()})


def words(group: str, lang: str) -> dict[str, str]:
    """A group's words in a language, by their key within the group."""
    prefix, pick = f"{group}.", int(lang == "en")
    return {
        key[len(prefix) :]: pair[pick]
        for key, pair in MESSAGES.items()
        if key.startswith(prefix)
    }


def pairs(group: str) -> dict[str, tuple[str, str]]:
    """A group's (vi, en) pairs, by their key within the group."""
    prefix = f"{group}."
    return {k[len(prefix) :]: v for k, v in MESSAGES.items() if k.startswith(prefix)}


def page_words(groups: tuple[str, ...], lang: str) -> dict[str, str]:
    """The words a page's scripts read, by full key, in the page's language."""
    return {
        f"{group}.{key}": text
        for group in groups
        for key, text in words(group, lang).items()
    }


# What a look-up or a status page says of a ticket, by situation: (vi, en).
register_group(
    "ticket_says",
    {
        "waiting": (
            "Đang chờ. Còn {ahead} người trước bạn · {wait}",
            "Waiting. {ahead} ahead of you · {wait}",
        ),
        "waiting_again": (
            "Đang chờ được gọi lại ({service}). Còn {ahead} người trước bạn · {wait}",
            "Waiting to be called again ({service}). {ahead} ahead of you · {wait}",
        ),
        "waiting_sent": (
            "Đang chờ được gọi tại {counter}. Còn {ahead} người trước bạn · {wait}",
            "Waiting to be called at {counter}. {ahead} ahead of you · {wait}",
        ),
        "called": (
            "Đến lượt bạn! Mời bạn đến {counter}",
            "Your turn! Please go to {counter}",
        ),
        "serving": (
            "Bạn đang được phục vụ tại {counter}",
            "You are being served at {counter}",
        ),
        "done": ("Đã phục vụ xong. Cảm ơn bạn.", "Served. Thank you."),
        "no_show": (
            "Bạn đã được gọi nhưng không có mặt. Hãy báo cán bộ tại quầy để được "
            "xếp lại vào hàng chờ.",
            "You were called but were not there. Please tell staff at a counter to be "
            "put back in the queue.",
        ),
        "cancelled": ("Số này đã bị huỷ.", "This number was cancelled."),
        "wait_about": ("chờ khoảng {m} phút", "about {m} min wait"),
        "wait_short": ("chờ dưới 1 phút", "under 1 min wait"),
        "unstaffed": ("Chưa có quầy phục vụ", "No counter serving yet"),
    },
)


def _pick(code: str, lang: str) -> str:
    vi, en = MESSAGES[f"ticket_says.{code}"]
    return en if lang == "en" else vi


def wait_text(seconds: int | None, lang: str) -> str:
    """'chờ khoảng 12 phút'; no estimate means no staffed counter serves the field."""
    if seconds is None:
        return _pick("unstaffed", lang)
    if seconds < 60:
        return _pick("wait_short", lang)
    return _pick("wait_about", lang).format(m=round(seconds / 60))


def _counter_name(view: dict[str, Any], lang: str, key: str = "counter") -> str:
    counter = view.get(key) or {}
    if lang == "en" and counter.get("number") is not None:
        return f"counter {counter['number']}"
    return str(counter.get("name") or "")


def _ahead(count: int, lang: str) -> str:
    """'3' in Vietnamese (the sentence says 'người'); '1 person', '3 people'."""
    if lang != "en":
        return str(count)
    return f"{count} person" if count == 1 else f"{count} people"


def ticket_status_text(view: dict[str, Any], lang: str) -> str:
    """The sentence a citizen reads about their ticket (a ticket view), per status."""
    status = str(view.get("status"))
    if status == "waiting":
        code = "waiting_again" if view.get("called_before") else "waiting"
        if view.get("sent_to"):  # sent to a counter: that counter calls it
            code = "waiting_sent"
        service = view.get("service") or {}
        return _pick(code, lang).format(
            ahead=_ahead(view.get("ahead", 0), lang),
            wait=wait_text(view.get("estimated_wait_s"), lang),
            service=service.get("name_en" if lang == "en" else "name", ""),
            counter=_counter_name(view, lang, "sent_to"),
        )
    if status in ("called", "serving"):
        return _pick(status, lang).format(counter=_counter_name(view, lang))
    if f"ticket_says.{status}" in MESSAGES:
        return _pick(status, lang)
    return status


# Words of the pages outside the faces, and of every live page's frame.
register_group(
    "page",
    {
        "offline": (
            "Mất kết nối – đang kết nối lại…",
            "Connection lost – reconnecting…",
        ),
        "connecting": ("Đang kết nối lại…", "Reconnecting…"),
        "connecting_note": (
            "Màn hình sẽ tự hiện lại khi máy chủ hoạt động.",
            "The screen comes back by itself when the server is up.",
        ),
    },
)
# The site's own small pages: its front page, a ticket or a device not found, the
# hop to a device's page.
register_group(
    "site_page",
    {
        "index_title": (
            "motcua – Trung tâm Phục vụ hành chính công",
            "motcua – Public Administration Service Centre",
        ),
        "index_lead": (
            "Hệ thống xếp hàng và cấp số thứ tự cho Trung tâm Phục vụ hành chính công "
            "cấp xã, phường.",
            "A queue and numbering system for the public administration service "
            "centres of communes and wards.",
        ),
        "index_screens": ("Mở các màn hình", "Opening the screens"),
        "index_how": (
            "Mỗi màn hình được mở bằng đường dẫn có mã thiết bị do quản trị viên cấp "
            "(ví dụ {example}). Cán bộ mở màn hình quầy tại /o/<mã đơn vị>/counter.",
            "Each screen opens at an address with a device code the admin gives out "
            "(e.g. {example}). Staff open the counter screen at "
            "/o/<office code>/counter.",
        ),
        "ticket_missing": ("Không tìm thấy số thứ tự", "Ticket not found"),
        "ticket_missing_why": (
            "Mã trên phiếu không đúng hoặc số đã hết hạn (số chỉ có giá trị trong "
            "ngày). Vui lòng hỏi cán bộ tại quầy hướng dẫn.",
            "The code on the ticket is not right or the number has expired (numbers "
            "are valid for one day). Please ask the staff at a counter.",
        ),
        "unpaired": ("Thiết bị chưa được ghép nối", "This device is not paired"),
        "unpaired_what": (
            "Đây là trang {kind} của {office}, nhưng thiết bị này chưa được ghép nối "
            "với đơn vị.",
            "This is the {kind} page of {office}, but this device is not paired with "
            "the office.",
        ),
        "unpaired_pair": ("Ghép nối thiết bị này", "Pair this device"),
        "unpaired_how": (
            "màn hình sẽ hiện một mã gồm 6 chữ số; quản trị viên nhập mã đó ở trang "
            "quản trị, mục “Thiết bị”. Hoặc mở một lần trên thiết bị này đường dẫn "
            "riêng của nó (mục “Thiết bị” có sẵn đường dẫn và mã QR).",
            "the screen shows a 6-digit code; an admin enters it on the admin pages, "
            "under “Thiết bị” (Devices). Or open the device's own address once on it "
            "(“Thiết bị” lists the address and its QR code).",
        ),
        "opening": ("Đang mở…", "Opening…"),
        "open_page": ("Mở trang", "Open the page"),
    },
)
register_group(
    "status_page",
    {
        "number": ("Số thứ tự", "Number"),
        "service": ("Lĩnh vực", "Service"),
        "live_note": ("Trang này tự cập nhật.", "This page updates by itself."),
        "keep_ticket": (
            "Xin giữ phiếu cho đến khi được gọi.",
            "Keep your ticket until called.",
        ),
        "switch": ("English", "Tiếng Việt"),
    },
)
# What the ward calls each kind of device, and the screen at a counter.
register_group(
    "device_kind",
    {
        "kiosk": ("Ki-ốt lấy số", "Number kiosk"),
        "display": ("Màn hình phòng chờ", "Waiting room board"),
        "rating": ("Thiết bị đánh giá", "Rating tablet"),
        "printer": ("Máy in (chương trình in)", "Printer (print program)"),
        "counter": ("Màn hình cán bộ tại quầy", "Counter console"),
    },
)
# The device pages a start page can open, and what it says while it waits.
START_KINDS = ("kiosk", "display", "counter")
register_group(
    "start",
    {
        "connecting_title": ("{title} – đang kết nối", "{title} – connecting"),
        "opens": (
            "{title} sẽ tự mở khi máy chủ hoạt động.",
            "{title} opens by itself when the server is up.",
        ),
        "server": ("Máy chủ", "Server"),
        "trying": ("đang thử…", "trying…"),
        "tried": ("đã thử {n} lần", "tried {n} times"),
    },
)
# A ticket's status in a word, as staff screens list it.
register_group(
    "ticket_state",
    {
        "waiting": ("đang chờ", "waiting"),
        "called": ("đã gọi", "called"),
        "serving": ("đang phục vụ", "being served"),
        "done": ("đã xong", "done"),
        "no_show": ("vắng mặt", "no-show"),
        "cancelled": ("đã huỷ", "cancelled"),
        "transferred": ("đã chuyển", "transferred"),
    },
)
# A dossier's status, as the kiosk's look-up and the admin's list say it.
register_group(
    "dossier_status",
    {
        "received": ("Đã tiếp nhận", "Received"),
        "processing": ("Đang giải quyết", "Being processed"),
        "supplement": ("Cần bổ sung giấy tờ", "More papers needed"),
        "ready": ("Đã có kết quả, mời đến nhận", "Result ready to collect"),
        "returned": ("Đã trả kết quả", "Result handed over"),
        "rejected": ("Không đủ điều kiện giải quyết", "Refused"),
        "overdue": ("Đang giải quyết (quá hạn)", "Being processed (overdue)"),
    },
)
# What people read for each priority class.
register_group(
    "priority",
    {
        "elderly": ("Người cao tuổi", "Elderly person"),
        "disabled": ("Người khuyết tật", "Person with a disability"),
        "pregnant": ("Phụ nữ mang thai", "Pregnant woman"),
        "child": ("Người đi cùng trẻ nhỏ", "With a small child"),
        "meritorious": ("Người có công", "Person with meritorious service"),
    },
)
# What the lobby says when it calls a number, unless the office wrote its own.
register_group(
    "announce",
    {
        "call": (
            "Mời công dân có số thứ tự {number} đến quầy số {counter}",
            "Number {number}, please go to counter {counter}",
        ),
    },
)
# What a new office is given until someone names it otherwise.
register_group(
    "office_default",
    {"counter_name": ("Quầy {number}", "Counter {number}")},
)
# A rating, in words.
register_group(
    "score",
    {
        "1": ("Rất không hài lòng", "Very unsatisfied"),
        "2": ("Không hài lòng", "Unsatisfied"),
        "3": ("Bình thường", "Neutral"),
        "4": ("Hài lòng", "Satisfied"),
        "5": ("Rất hài lòng", "Very satisfied"),
    },
)
# The office's log: what happened to a ticket, what staff changed, and the details.
register_group(
    "log_ticket",
    {
        "issued": ("Cấp số", "Number issued"),
        "called": ("Gọi số", "Called"),
        "recalled": ("Gọi lại", "Called again"),
        "started": ("Bắt đầu phục vụ", "Service started"),
        "finished": ("Phục vụ xong", "Served"),
        "no_show": ("Ghi vắng mặt", "Marked no-show"),
        "returned": ("Đưa lại hàng chờ", "Put back in the queue"),
        "cancelled": ("Hủy số", "Cancelled"),
        "priority": ("Đánh dấu ưu tiên", "Marked priority"),
        "priority_pin": (
            "Cấp số ưu tiên (mã PIN người hướng dẫn)",
            "Priority number given (helper's PIN)",
        ),
        "transferred": ("Chuyển số", "Transferred"),
        "rated": ("Công dân đánh giá", "Rated by the citizen"),
        "dossier": ("Nhập mã hồ sơ", "Dossier code entered"),
    },
)
register_group(
    "log_admin",
    {
        "setup.started": ("Bắt đầu cài đặt đơn vị", "Office setup started"),
        "office.created": ("Tạo đơn vị", "Office created"),
        "office.renamed": ("Đổi tên đơn vị", "Office renamed"),
        "office.restored": ("Khôi phục từ bản sao lưu", "Restored from a backup"),
        "settings.changed": ("Đổi cài đặt", "Settings changed"),
        "service.added": ("Thêm lĩnh vực", "Field added"),
        "service.changed": ("Sửa lĩnh vực", "Field changed"),
        "counter.saved": ("Lưu quầy", "Counter saved"),
        "staff.added": ("Thêm cán bộ", "Staff added"),
        "staff.changed": ("Sửa tài khoản cán bộ", "Staff account changed"),
        "staff.removed": ("Xóa cán bộ khỏi đơn vị", "Staff removed from the office"),
        "device.added": ("Thêm thiết bị", "Device added"),
        "device.paired": ("Ghép nối thiết bị", "Device paired"),
        "device.revoked": ("Thu hồi thiết bị", "Device revoked"),
        "device.printer": ("Đặt máy in", "Printer set"),
        "dossier.saved": ("Lưu trạng thái hồ sơ", "Dossier status saved"),
        "dossiers.imported": ("Nhập hồ sơ từ tệp CSV", "Dossiers imported from CSV"),
        "procedure.added": ("Thêm thủ tục", "Procedure added"),
        "procedure.changed": ("Sửa thủ tục", "Procedure changed"),
        "procedure.deleted": ("Xóa thủ tục", "Procedure deleted"),
        "procedures.imported": (
            "Nhập thủ tục từ tệp CSV",
            "Procedures imported from CSV",
        ),
        "procedures.seeded": ("Nạp thủ tục mẫu", "Sample procedures loaded"),
        "voice.uploaded": ("Tải lên giọng đọc", "Voice uploaded"),
        "voice.reset": ("Dùng lại giọng đọc mặc định", "Default voice restored"),
    },
)
register_group(
    "log_detail",
    {
        "reason": ("lý do", "reason"),
        "note": ("ghi chú", "note"),
        "to_service": ("sang lĩnh vực", "to field"),
        "to_counter": ("sang quầy", "to counter"),
        "score": ("điểm", "score"),
        "priority": ("ưu tiên", "priority"),
        "code": ("mã", "code"),
        "role": ("vai trò", "role"),
        "kind": ("loại", "kind"),
        "active": ("đang hoạt động", "active"),
        "counters": ("quầy", "counters"),
        "old": ("tên cũ", "old name"),
    },
)
register_group(
    "log",
    {
        "yes": ("có", "yes"),
        "no": ("không", "no"),
        "system": ("hệ thống", "the system"),
    },
)
# What the `motcua` command prints for the operator (Vietnamese, like the pages).
register_group(
    "cli",
    {
        "about": (
            "motcua: hệ thống xếp hàng cho Trung tâm Phục vụ hành chính công.",
            "motcua: the queue system of a one-stop public service centre.",
        ),
        "role_staff": ("cán bộ", "staff"),
        "role_manager": ("lãnh đạo", "manager"),
        "role_admin": ("quản trị", "admin"),
        "demo_exists": (
            "Đơn vị demo đã có sẵn: {url}",
            "The demo office is already there: {url}",
        ),
        "demo_paired": (
            "    Ki-ốt, màn hình chờ đã mở một lần thì chỉ cần mở lại địa chỉ trên. "
            "Thiết bị mới: mở {pair} trên thiết bị đó, rồi nhập mã nó hiện ở trang "
            "Quản trị › Thiết bị.",
            "    A kiosk or lobby board opened once needs only the address above. A "
            "new device: open {pair} on it, then enter the code it shows on Admin › "
            "Devices.",
        ),
        "demo": ("Đơn vị demo: {url}", "Demo office: {url}"),
        "demo_admin": ("  Quản trị:        {url}", "  Admin:           {url}"),
        "demo_counter": ("  Quầy (cán bộ):   {url}", "  Counter (staff): {url}"),
        "demo_kiosk": ("  Ki-ốt:           {url}", "  Kiosk:           {url}"),
        "demo_display": ("  Màn hình chờ:    {url}", "  Lobby board:     {url}"),
        "demo_account": (
            "  Tài khoản {role}: {username} / {password}",
            "  Account ({role}): {username} / {password}",
        ),
        "demo_book": ("  Đặt lịch từ nhà:  {url}", "  Book from home:   {url}"),
        "demo_outbox": (
            "    Chưa cấu hình SMS/Zalo: mã xác nhận vào hộp tin nhắn ở trang {url} "
            "(cán bộ đăng nhập, đọc mã cho công dân).",
            "    No SMS/Zalo set up: confirmation codes go to the outbox at {url} "
            "(staff sign in and read the code to the citizen).",
        ),
        "db_current": (
            "Cơ sở dữ liệu đã ở phiên bản mới nhất: {url}",
            "The database is at the latest version: {url}",
        ),
        "office_made": ("Đã tạo đơn vị {slug}.", "Office {slug} made."),
        "password": ("Mật khẩu", "Password"),
        "user_made": ("Đã tạo tài khoản {name}.", "Account {name} made."),
        "device_made": (
            "Đã tạo thiết bị {name} ({kind}). Mã thiết bị (chỉ hiện một lần):",
            "Device {name} ({kind}) made. Its token (shown once only):",
        ),
        "backed_up": (
            "Đã sao lưu đơn vị {slug} vào {path}.",
            "Office {slug} backed up to {path}.",
        ),
        "not_a_backup": (
            "Tệp này không phải tệp sao lưu JSON.",
            "This file is not a JSON backup.",
        ),
        "not_signed": (
            "Tệp sao lưu không mang chữ ký của máy chủ này. Nếu tin tệp này (bản sao "
            "lưu cũ, hoặc của máy chủ khác), chạy lại với --unsigned.",
            "The backup does not carry this server's signature. If you trust it (an "
            "older backup, or another server's), run again with --unsigned.",
        ),
        "restored": ("Đã khôi phục đơn vị {slug}.", "Office {slug} restored."),
    },
)
