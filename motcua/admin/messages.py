"""Words of the admin pages' errors, Vietnamese first."""

from __future__ import annotations

from typing import Any

from motcua.admin.language import page_lang
from motcua.i18n import MESSAGES, message, register, register_group

_MESSAGES: dict[str, tuple[str, str]] = {
    "bad_report_range": (
        "Khoảng ngày không hợp lệ (tối đa 366 ngày, ngày đầu trước ngày cuối).",
        "The date range is not valid (at most 366 days, first before last).",
    ),
    "bad_setting": (
        "Giá trị của mục “{name}” không hợp lệ.",
        "The value of '{name}' is not valid.",
    ),
    "bad_name": ("Tên không hợp lệ.", "The name is not valid."),
    "kiosk_warn_too_long": (
        "Thời gian hỏi “Bạn cần thêm thời gian?” ({warn} giây) phải ngắn hơn thời gian "
        "chờ ở màn hình đọc ({read} giây). Chưa lưu gì.",
        "The 'Need more time?' countdown ({warn} s) must be shorter than the reading "
        "screens' wait ({read} s). Nothing was saved.",
    ),
    "bad_service": (
        "Lĩnh vực '{code}' không hợp lệ: cần mã (chữ, số) và tên.",
        "Field '{code}' is not valid: it needs a code (letters, digits) and a name.",
    ),
    "service_exists": (
        "Lĩnh vực mã '{code}' đã có.",
        "Field '{code}' already exists.",
    ),
    "bad_counter_number": (
        "Số quầy phải từ 1 đến 999.",
        "Counter numbers go from 1 to 999.",
    ),
    "bad_username": (
        "Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch (2-80 ký tự).",
        "Usernames use letters, digits, dots and dashes (2-80 characters).",
    ),
    "unknown_user": ("Không có tài khoản này.", "No such account."),
    "unknown_device": ("Không có thiết bị này.", "No such device."),
    "bad_backup": (
        "Tệp sao lưu không đúng định dạng của motcua.",
        "The file is not a motcua backup.",
    ),
    "setup_done": (
        "Hệ thống đã được cài đặt; hãy đăng nhập.",
        "The system is already set up; please sign in.",
    ),
    "password_mismatch": (
        "Hai lần nhập mật khẩu không giống nhau.",
        "The two passwords differ.",
    ),
}

register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})

# What the address page's check writes.
register_group(
    "admin_address",
    {
        "address_form": (
            "Địa chỉ phải có dạng http://192.168.1.10:8000.",
            "The address must look like http://192.168.1.10:8000.",
        ),
        "checking": ("Đang kiểm tra…", "Checking…"),
        "no_answer": ("không trả lời sau 5 giây", "no answer after 5 seconds"),
        "not_opened": (
            "Không mở được ({why}). Kiểm tra địa chỉ, cổng và tường lửa của máy chủ.",
            "Could not open it ({why}). Check the address, the port and the server's "
            "firewall.",
        ),
        "not_motcua": ("đây không phải máy chủ motcua", "this is not a motcua server"),
        "opened": ("Mở được từ máy này.", "Opens from this computer."),
        "no_connection": ("không kết nối được", "no connection"),
    },
)
# What the city view writes.
register_group("admin_city", {"minutes": ("{m} phút", "{m} min")})
# What every admin page's script writes (a file field).
register_group("admin", {"no_file": ("Chưa chọn tệp nào", "No file chosen")})
# What the voice recording page writes.
register_group(
    "admin_voice",
    {
        "progress": ("Đã thu {done}/{all} mục.", "Recorded {done}/{all} items."),
        "all_done": (
            "Hãy nghe thử một lần gọi số, rồi bấm “Dùng giọng đọc vừa thu”.",
            "Listen to one call, then press “Use the recorded voice”.",
        ),
        "step": ("Mục {at}/{all}", "Item {at}/{all}"),
        "phrase": ("cả cụm, đọc liền một hơi", "the whole phrase, in one breath"),
        "word": ("một từ", "one word"),
        "recorded": ("đã thu", "recorded"),
        "missing": ("chưa thu", "not recorded"),
        "no_microphone": (
            "Trình duyệt này không cho dùng micrô ở đây. Hãy mở trang bằng "
            "https:// hoặc ngay trên máy chủ (http://localhost), bằng Chrome, Edge "
            "hoặc Firefox.",
            "This browser allows no microphone here. Open the page over https:// or "
            "on the server itself (http://localhost), in Chrome, Edge or Firefox.",
        ),
        "recording": (
            "Đang thu… {s} giây. Đọc: “{text}”, rồi bấm Dừng.",
            "Recording… {s} s. Read: “{text}”, then press Stop.",
        ),
        "microphone_refused": (
            "Không mở được micrô. Hãy cho phép trang dùng micrô rồi thử lại.",
            "The microphone could not be opened. Allow the page to use it and retry.",
        ),
        "processing": ("Đang xử lý bản thu…", "Processing the recording…"),
        "unreadable": (
            "Không đọc được bản thu. Hãy thu lại.",
            "The recording could not be read. Please record again.",
        ),
        "saved": (
            "Đã lưu ({s} giây). Đang phát lại để anh/chị nghe.",
            "Saved ({s} s). Playing it back for you.",
        ),
        "preview": ("Đang phát thử một lần gọi số.", "Playing one call."),
    },
)

# What the admin pages' Python code says (the pages speak Vietnamese).
register_group(
    "admin_says",
    {
        "minutes": ("{m} phút", "{m} min"),
        "under_minute": ("dưới 1 phút", "under 1 min"),
        "sign_in_limited": (
            "Đăng nhập sai quá nhiều lần. Vui lòng chờ vài phút rồi thử lại.",
            "Too many failed sign-ins. Please wait a few minutes and try again.",
        ),
        "address_form": (
            "Địa chỉ phải có dạng http://192.168.1.10:8000, không thêm gì sau.",
            "The address must look like http://192.168.1.10:8000, with nothing after.",
        ),
        "day_form": (
            "Ngày phải có dạng dd/mm/yyyy, ví dụ 23/11/2026.",
            "A day is written dd/mm/yyyy, e.g. 23/11/2026.",
        ),
        "dossiers_imported": ("Đã nhập {count} hồ sơ.", "Imported {count} dossiers."),
        "bad_lines": ("Dòng lỗi: {lines}.", "Lines with errors: {lines}."),
        "dossier_saved": ("Đã lưu hồ sơ {code}.", "Dossier {code} saved."),
        "backup_choose": (
            "Hãy chọn tệp sao lưu (.json).",
            "Choose a backup file (.json).",
        ),
        "backup_not_json": (
            "Tệp này không phải tệp sao lưu JSON.",
            "This file is not a JSON backup.",
        ),
        "backup_other_office": (
            "Tệp sao lưu này là của đơn vị khác.",
            "This backup is another office's.",
        ),
        "backup_unsigned": (
            "Tệp sao lưu này không mang chữ ký của máy chủ này (tệp đã bị sửa, hoặc "
            "tải từ máy chủ khác). Chỉ người vận hành máy chủ mới khôi phục được tệp "
            "như vậy, bằng lệnh “motcua restore --unsigned”.",
            "This backup does not carry this server's signature (it was changed, or "
            "comes from another server). Only the server's operator can restore such "
            "a file, with “motcua restore --unsigned”.",
        ),
        "voice_choose_zip": (
            "Hãy chọn tệp ZIP của gói giọng đọc.",
            "Choose the voice pack's ZIP file.",
        ),
        "voice_pack_used": (
            "Đã dùng giọng đọc của đơn vị ({count} từ).",
            "The office's voice is in use ({count} words).",
        ),
        "voice_default": (
            "Đã quay về giọng đọc mặc định.",
            "Back to the default voice.",
        ),
        "voice_no_item": (
            "Không có mục này trong danh sách thu âm.",
            "No such item in the recording list.",
        ),
        "voice_no_clip": ("Không nhận được bản thu.", "No recording was received."),
        "voice_clip_missing": ("Chưa có bản thu này.", "This item is not recorded."),
        "voice_preview_bounds": (
            "Hãy nhập số thứ tự (0–9999) và số quầy (1–999).",
            "Enter a number (0–9999) and a counter (1–999).",
        ),
        "voice_words_missing": (
            "Chưa thu đủ các từ của câu: {text}.",
            "Not every word of the sentence is recorded: {text}.",
        ),
        "voice_not_joined": (
            "Không ghép được bản thu. Hãy thu lại các từ.",
            "The recordings could not be joined. Record the words again.",
        ),
        "voice_recorded_used": (
            "Đã dùng giọng đọc vừa thu ({count} mục).",
            "The recorded voice is in use ({count} items).",
        ),
        "step_account": ("Tài khoản và đơn vị", "Account and office"),
        "step_fields": ("Lĩnh vực", "Fields"),
        "step_counters": ("Quầy", "Counters"),
        "step_staff": ("Cán bộ", "Staff"),
        "step_address": ("Địa chỉ truy cập", "Address"),
        "step_devices": ("Thiết bị", "Devices"),
        "slug_form": (
            "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ "
            "“{example}”.",
            "An office code has only lower-case letters without accents, digits and "
            "hyphens, e.g. “{example}”.",
        ),
        "rows_not_saved": (
            "Một số dòng chưa lưu được: xem lời nhắn bên cạnh dòng đó.",
            "Some rows were not saved: see the note beside each.",
        ),
        "purge_title": ("Xóa dữ liệu cá nhân", "Remove personal data"),
        "purged": (
            "Đã xóa dữ liệu cá nhân của {count} số thứ tự và lịch hẹn quá hạn lưu giữ.",
            "Removed the personal data of {count} tickets and bookings past their "
            "keeping time.",
        ),
        "logo_form": (
            "Logo cần là tệp PNG không quá {kb} KB. Chưa lưu gì.",
            "The logo must be a PNG file of at most {kb} KB. Nothing was saved.",
        ),
        "range_both": (
            "Hãy điền cả “Số đầu” và “Số cuối”, hoặc để trống cả hai để hệ thống "
            "chọn dãy số còn trống.",
            "Fill in both “First number” and “Last number”, or leave both empty for "
            "the system to choose a free range.",
        ),
        "counter_list_form": (
            "Danh sách quầy cần các số, cách nhau bởi dấu phẩy.",
            "The counter list needs numbers separated by commas.",
        ),
        "source_url_form": (
            "Địa chỉ phải bắt đầu bằng http:// hoặc https:// và có chỗ {code} để điền "
            "mã hồ sơ, ví dụ http://192.168.1.20/api/ho-so/{code}.",
            "The address must start with http:// or https:// and hold {code} where "
            "the dossier code goes, e.g. http://192.168.1.20/api/ho-so/{code}.",
        ),
        "source_private": (
            "Địa chỉ này thuộc mạng riêng của máy chủ (hoặc 127.0.0.1), nên không "
            "được dùng; người vận hành máy chủ có thể cho phép "
            "(MOTCUA_OUTBOUND_PRIVATE).",
            "This address is on the server's own network (or 127.0.0.1), so it is "
            "not used; the server's operator can allow it (MOTCUA_OUTBOUND_PRIVATE).",
        ),
        "push_private": (
            "Địa chỉ gửi báo cáo thuộc mạng riêng của máy chủ (hoặc 127.0.0.1), nên "
            "không được dùng; người vận hành máy chủ có thể cho phép "
            "(MOTCUA_OUTBOUND_PRIVATE). Chưa lưu gì.",
            "The report address is on the server's own network (or 127.0.0.1), so it "
            "is not used; the server's operator can allow it "
            "(MOTCUA_OUTBOUND_PRIVATE). Nothing was saved.",
        ),
        "source_busy": (
            "Hệ thống tra cứu đang bận (các ki-ốt đang chờ hệ thống hồ sơ trả "
            "lời), vui lòng thử lại sau giây lát.",
            "The look-up system is busy (kiosks are waiting for the dossier system "
            "to answer); please try again in a moment.",
        ),
        "source_down": (
            "Hệ thống hồ sơ không trả lời đúng ({why}). Kiểm tra địa chỉ, mạng và "
            "mã truy cập; trong lúc đó ki-ốt báo công dân hỏi tại quầy.",
            "The dossier system does not answer right ({why}). Check the address, "
            "the network and the token; meanwhile kiosks tell citizens to ask staff.",
        ),
        "source_no_dossier": (
            "Hệ thống hồ sơ trả lời: không có hồ sơ {code}. Kết nối vẫn đúng.",
            "The dossier system answers: no dossier {code}. The connection works.",
        ),
        "source_found": (
            "Kết nối được. Hồ sơ {code}: {status}.",
            "Connected. Dossier {code}: {status}.",
        ),
        "source_table": (
            "Đang dùng bảng hồ sơ của hệ thống: không cần kết nối ngoài.",
            "The system's own dossier table is in use: no outside connection needed.",
        ),
        "city_answered": (
            "Máy chủ thành phố trả lời mã {status}: {why}.",
            "The city's server answered {status}: {why}.",
        ),
        "city_signature": (
            "máy chủ thành phố không nhận chữ ký: hãy gửi lại khóa ký cho thành phố",
            "the city's server does not accept the signature: send the signing key "
            "to the city again",
        ),
        "city_address": (
            "sai địa chỉ nhận báo cáo: kiểm tra lại địa chỉ trong Cài đặt",
            "wrong report address: check the address in Settings",
        ),
        "city_failing": (
            "máy chủ thành phố đang lỗi; hệ thống sẽ tự gửi lại sau",
            "the city's server is failing; the report will be sent again later",
        ),
        "city_refused": (
            "máy chủ thành phố từ chối báo cáo; hãy hỏi bộ phận tiếp nhận",
            "the city's server refused the report; ask the people who receive it",
        ),
        "city_not_allowed": (
            "Địa chỉ nhận báo cáo trỏ vào mạng nội bộ của máy chủ; hãy dùng địa chỉ "
            "của thành phố (hoặc người vận hành cho phép địa chỉ nội bộ).",
            "The report address points into the server's own network; use the "
            "city's address (or have the operator allow private addresses).",
        ),
        "city_unanswered": (
            "Máy chủ thành phố {why}; hệ thống sẽ tự gửi lại sau.",
            "The city's server {why}; the report will be sent again later.",
        ),
        "city_no_deadline": (
            "không trả lời kịp (mạng chậm hoặc máy chủ quá tải)",
            "did not answer in time (slow network or a busy server)",
        ),
        "city_no_refused": (
            "từ chối kết nối (máy chủ thành phố không chạy ở địa chỉ này)",
            "refused the connection (no city server runs at this address)",
        ),
        "city_no_unreachable": (
            "không kết nối được (kiểm tra mạng Internet và địa chỉ nhận báo cáo)",
            "cannot be reached (check the Internet connection and the report address)",
        ),
        "backup_restored": (
            "Đã khôi phục dữ liệu của đơn vị từ tệp sao lưu.",
            "The office's data was restored from the backup.",
        ),
    },
)


def said_in(group: str, key: str, **params: Any) -> str:
    """A word of one of the admin's groups, in the page's language."""
    return message(f"{group}.{key}", page_lang(), **params)


def said(key: str, **params: Any) -> str:
    """What the admin's Python code says, from the one table, in the page's language."""
    return message(f"admin_says.{key}", page_lang(), **params)


# A report's CSV and XLSX files, as a ward leader reads them: the median is "trung
# vị", the 90th percentile "9/10 người ... không quá".
register_group(
    "export",
    {
        "issued": ("Số đã cấp", "Numbers issued"),
        "called": ("Đã gọi", "Called"),
        "served": ("Đã phục vụ xong", "Served"),
        "no_show": ("Vắng mặt", "Did not come"),
        "cancelled": ("Đã hủy", "Cancelled"),
        "wait_p50": ("Thời gian chờ (trung vị, phút)", "Wait (median, min)"),
        "wait_p90": (
            "9/10 người chờ không quá (phút)",
            "9 in 10 waited at most (min)",
        ),
        "service_p50": (
            "Thời gian phục vụ (trung vị, phút)",
            "Service time (median, min)",
        ),
        "service_p90": (
            "9/10 lượt phục vụ không quá (phút)",
            "9 in 10 served within (min)",
        ),
        "ratings": ("Số lượt đánh giá", "Ratings"),
        "average": ("Điểm đánh giá trung bình (1-5)", "Average rating (1-5)"),
        "satisfied": ("Tỷ lệ hài lòng (4-5 điểm)", "Share satisfied (4-5)"),
        "not_dissatisfied": (
            "Tỷ lệ không bị đánh giá không hài lòng",
            "Share not rated unsatisfied",
        ),
        "monday": ("Thứ Hai", "Monday"),
        "tuesday": ("Thứ Ba", "Tuesday"),
        "wednesday": ("Thứ Tư", "Wednesday"),
        "thursday": ("Thứ Năm", "Thursday"),
        "friday": ("Thứ Sáu", "Friday"),
        "saturday": ("Thứ Bảy", "Saturday"),
        "sunday": ("Chủ nhật", "Sunday"),
        "not_by_hour": ("không tính theo giờ", "not counted by the hour"),
        "morning": ("buổi sáng", "morning"),
        "noon": ("buổi trưa", "midday"),
        "afternoon": ("buổi chiều", "afternoon"),
        "evening": ("buổi tối", "evening"),
        "by_service": ("Theo lĩnh vực", "By field"),
        "by_counter": ("Theo quầy", "By counter"),
        "by_staff": ("Theo cán bộ", "By clerk"),
        "by_hour": ("Theo giờ", "By hour"),
        "by_day": ("Theo ngày", "By day"),
        "field_code": ("Mã lĩnh vực", "Field code"),
        "counter": ("Quầy", "Counter"),
        "clerk": ("Cán bộ", "Clerk"),
        "hour": ("Giờ", "Hour"),
        "part": ("Buổi", "Part of day"),
        "day": ("Ngày", "Day"),
        "weekday": ("Thứ", "Weekday"),
        "name": ("Tên", "Name"),
        "part_of": ("Phần", "Part"),
        "code": ("Mã", "Code"),
        "total": ("Tổng cộng", "Total"),
        "summary": ("Tổng hợp", "Summary"),
        "office": ("Đơn vị", "Office"),
        "days": ("Khoảng ngày", "Days"),
    },
)
# The health page: what is wrong and what to do, for someone who is not an engineer.
register_group(
    "health",
    {
        "kind_kiosk": ("ki-ốt", "kiosk"),
        "kind_display": ("màn hình chờ", "lobby board"),
        "kind_rating": ("thiết bị đánh giá", "rating tablet"),
        "kind_printer": ("máy in", "printer"),
        "device_off": (
            "{kind} “{name}” không kết nối.",
            "{kind} “{name}” is not connected.",
        ),
        "device_off_do": (
            "Kiểm tra thiết bị đã bật, có mạng nội bộ và đang mở đúng trang; nếu vẫn "
            "không được, tải lại trang hoặc khởi động lại thiết bị.",
            "Check the device is on, on the office network and showing the right "
            "page; if it still fails, reload the page or restart the device.",
        ),
        "paused": (
            "{counter} đang tạm dừng ({reason}).",
            "{counter} is paused ({reason}).",
        ),
        "paused_no_reason": ("không rõ lý do", "no reason given"),
        "paused_do": (
            "Nếu cán bộ đã quay lại, bấm “Tiếp tục” trên màn hình quầy.",
            "If the clerk is back, press “Tiếp tục” on the counter's screen.",
        ),
        "help_waiting": (
            "{n} yêu cầu trợ giúp ở ki-ốt chưa được xử lý.",
            "{n} help requests from the kiosk are still open.",
        ),
        "help_waiting_do": (
            "Nhờ cán bộ hướng dẫn ra ki-ốt hỗ trợ người dân.",
            "Ask the floor guide to go to the kiosk and help.",
        ),
        "range_free": (
            ", ví dụ dãy còn trống {low}-{high}",
            ", e.g. the free range {low}-{high}",
        ),
        "range_clash": (
            "Dãy số của lĩnh vực “{a}” ({a_start}-{a_end}) trùng với “{b}” "
            "({b_start}-{b_end}): hai người có thể cùng một số.",
            "The numbers of field “{a}” ({a_start}-{a_end}) overlap those of “{b}” "
            "({b_start}-{b_end}): two people could hold the same number.",
        ),
        "range_clash_do": (
            "Ở trang Lĩnh vực, đổi dãy số của “{b}”{hint}. Nên đổi ngoài giờ cấp số.",
            "On the Fields page, change the numbers of “{b}”{hint}. Best outside "
            "issuing hours.",
        ),
        "unserved": (
            "Lĩnh vực “{name}” đang cấp số nhưng không quầy nào phục vụ: người dân lấy "
            "số sẽ không bao giờ được gọi.",
            "Field “{name}” issues numbers but no counter serves it: people who take "
            "one will never be called.",
        ),
        "unserved_do": (
            "Ở trang Quầy, chọn lĩnh vực này cho ít nhất một quầy; hoặc ở trang Lĩnh "
            "vực, bỏ chọn “Đang cấp số”.",
            "On the Counters page, give this field to at least one counter; or on the "
            "Fields page, untick “Đang cấp số”.",
        ),
        "printer_refused": (
            "Máy in từ chối kết nối: máy in đang tắt, chưa khởi động xong hoặc sai "
            "cổng (máy in mạng thường dùng cổng 9100). Bật máy in, kiểm tra địa chỉ IP "
            "và cổng ở trang Thiết bị rồi bấm “In thử”.",
            "The printer refused the connection: it is off, still starting or on "
            "another port (network printers usually use 9100). Switch it on, check "
            "its IP address and port on the Devices page, then press “In thử”.",
        ),
        "printer_unreachable": (
            "Không tới được máy in qua mạng: kiểm tra dây mạng hoặc Wi-Fi của máy in "
            "và địa chỉ IP ở trang Thiết bị (in trang cấu hình từ máy in để xem).",
            "The printer cannot be reached: check its network cable or Wi-Fi and the "
            "IP address on the Devices page (the printer's setup page shows it).",
        ),
        "printer_timeout": (
            "Máy in không trả lời: tắt rồi bật lại máy in, kiểm tra dây mạng.",
            "The printer does not answer: switch it off and on, check the cable.",
        ),
        "printer_not_found": (
            "Không thấy máy in: kiểm tra dây USB hoặc cáp và nguồn điện máy in.",
            "No printer found: check the USB cable and the printer's power.",
        ),
        "printer_closed": (
            "Máy in ngắt giữa chừng: kiểm tra giấy có bị kẹt, rồi bấm “In thử”.",
            "The printer stopped midway: check for a paper jam, then press “In thử”.",
        ),
        "printer_paper_out": (
            "Hết giấy: mở nắp, thay cuộn giấy mới (mặt in hướng ra ngoài), đóng nắp.",
            "Out of paper: open the cover, put in a new roll (print side out), "
            "close the cover.",
        ),
        "printer_paper_low": (
            "Giấy sắp hết: chuẩn bị thay cuộn giấy mới.",
            "Paper is running low: have a new roll ready.",
        ),
        "printer_cover_open": (
            "Nắp máy in đang mở: đóng chặt nắp máy in.",
            "The printer's cover is open: close it firmly.",
        ),
        "printer_error": (
            "Máy in báo lỗi (kẹt giấy hoặc dao cắt): tắt máy in, gỡ giấy kẹt, bật lại.",
            "The printer reports a fault (paper jam or cutter): switch it off, clear "
            "the jam, switch it on.",
        ),
        "printer_no_ack": (
            "Chương trình in trên máy ki-ốt không trả lời: kiểm tra chương trình "
            "“motcua printer-agent” còn chạy và máy ki-ốt còn mạng.",
            "The print program on the kiosk does not answer: check “motcua "
            "printer-agent” is running and the kiosk is on the network.",
        ),
        "printer_not_configured": (
            "Ki-ốt chưa có máy in: chọn máy in ở trang Thiết bị.",
            "The kiosk has no printer: choose one on the Devices page.",
        ),
        "printer_config": (
            "Cấu hình máy in chưa đúng: sửa ở trang Thiết bị rồi bấm “In thử”.",
            "The printer's settings are wrong: fix them on the Devices page, then "
            "press “In thử”.",
        ),
        "printer_fallback": (
            "Kiểm tra máy in đã bật, có giấy và dây cáp; rồi bấm “In thử”.",
            "Check the printer is on, has paper and its cable; then press “In thử”.",
        ),
        "job_dropped": ("đã bỏ", "dropped"),
        "job_retrying": ("đang thử lại", "retrying"),
        "printer_fault": (
            "Máy in của “{name}” chưa in được (lệnh in {state}).{detail}",
            "The printer of “{name}” has not printed (job {state}).{detail}",
        ),
        "push_failed": (
            "Chưa gửi được báo cáo ngày lên thành phố: {error}",
            "The day's report has not reached the city: {error}",
        ),
        "push_failed_do": (
            "Hệ thống tự gửi lại; kiểm tra mạng Internet hoặc địa chỉ nhận báo cáo "
            "trong phần Cài đặt.",
            "It is sent again by itself; check the Internet connection or the report "
            "address in Settings.",
        ),
    },
)

# The procedure guide's errors, raised by the core and shown on its admin page.
_PROCEDURE_MESSAGES: dict[str, tuple[str, str]] = {
    "procedure_no_field": ("Chưa chọn lĩnh vực.", "No field is given."),
    "procedure_unknown_field": (
        "Đơn vị không có lĩnh vực mã '{code}'.",
        "The office has no field '{code}'.",
    ),
    "procedure_bad_title": (
        "Tên thủ tục cần từ 1 đến {most} ký tự.",
        "The title needs 1 to {most} characters.",
    ),
    "procedure_bad_papers": (
        "Giấy tờ: tối đa {count} mục, mỗi mục tối đa {most} ký tự.",
        "Papers: at most {count} items of at most {most} characters each.",
    ),
    "procedure_bad_fee": (
        "Lệ phí dài quá {most} ký tự.",
        "The fee is longer than {most} characters.",
    ),
    "procedure_bad_duration": (
        "Thời gian giải quyết dài quá {most} ký tự.",
        "The processing time is longer than {most} characters.",
    ),
    "procedure_exists": (
        "Lĩnh vực {code} đã có thủ tục “{title}”.",
        "Field {code} already has the procedure “{title}”.",
    ),
    "procedure_unknown": (
        "Không tìm thấy thủ tục này (có thể đã bị xóa).",
        "This procedure was not found (it may have been deleted).",
    ),
    "procedure_guide_not_empty": (
        "Hướng dẫn thủ tục đã có nội dung; chỉ nạp danh mục mẫu khi còn trống.",
        "The guide is not empty; the ward list is loaded only into an empty guide.",
    ),
    "procedure_seed_no_field": (
        "Đơn vị chưa có lĩnh vực nào trùng mã với danh mục mẫu ({codes}).",
        "The office has no field with a code of the ward list ({codes}).",
    ),
    "procedure_bad_csv": (
        "Tệp không đọc được dưới dạng CSV.",
        "The file could not be read as CSV.",
    ),
    "procedure_csv_encoding": (
        "Tệp CSV cần lưu bằng mã UTF-8 (trong Excel: “CSV UTF-8”).",
        "The CSV file must be saved as UTF-8 (in Excel: “CSV UTF-8”).",
    ),
    "procedure_csv_too_large": (
        "Tệp CSV lớn quá {most_mb} MB.",
        "The CSV file is larger than {most_mb} MB.",
    ),
    "procedure_csv_too_many": (
        "Tệp CSV có quá {most} dòng thủ tục.",
        "The CSV file has more than {most} procedures.",
    ),
    "procedure_csv_columns": (
        "Dòng đầu của tệp thiếu cột: {missing}. Các cột: linh_vuc, ten_thu_tuc,"
        " giay_to, le_phi, thoi_gian.",
        "The first line lacks the columns: {missing}. The columns: linh_vuc,"
        " ten_thu_tuc, giay_to, le_phi, thoi_gian.",
    ),
    "procedure_csv_cells": (
        "Dòng có {found} ô, nhiều hơn {expected} cột của dòng đầu (ô có dấu phẩy"
        " cần đặt trong ngoặc kép).",
        "The line has {found} cells, more than the {expected} columns of the first"
        " line (a cell with a comma must be in double quotes).",
    ),
    "procedure_csv_duplicate": (
        "Trùng lĩnh vực và tên thủ tục với dòng {other}.",
        "Same field and title as line {other}.",
    ),
    "procedure_csv_empty": (
        "Tệp CSV không có dòng thủ tục nào.",
        "The CSV file has no procedure lines.",
    ),
    "procedure_csv_refused": (
        "Chưa nhập thủ tục nào: tệp có {count} dòng lỗi. Hãy sửa rồi nhập lại.",
        "Nothing was imported: {count} lines of the file are wrong. Fix them and"
        " import again.",
    ),
}
register({k: v for k, v in _PROCEDURE_MESSAGES.items() if k not in MESSAGES})
register_group(
    "procedures_page",
    {
        "choose_csv": ("Hãy chọn tệp CSV.", "Choose a CSV file."),
        "line": ("Dòng {line}: {error}", "Line {line}: {error}"),
        "imported": (
            "Đã nhập {lines} dòng: thêm {added}, cập nhật {updated}, giữ nguyên "
            "{unchanged} thủ tục.",
            "{lines} lines imported: {added} added, {updated} updated, {unchanged} "
            "procedures unchanged.",
        ),
        "seeded": (
            "Đã nạp {added} thủ tục từ danh mục mẫu của phường.",
            "{added} procedures loaded from the ward's sample list.",
        ),
        "none_chosen": ("Chưa chọn thủ tục.", "No procedure is chosen."),
        "checked": (
            "Đã ghi nhận: lệ phí, thời gian của “{title}” đã được kiểm tra.",
            "Noted: the fee and time of “{title}” have been checked.",
        ),
        "unchecked": (
            "“{title}” được đánh dấu cần kiểm tra lại.",
            "“{title}” is marked to be checked again.",
        ),
        "none_to_delete": (
            "Chưa chọn thủ tục cần xóa.",
            "No procedure to remove is chosen.",
        ),
        "deleted": ("Đã xóa thủ tục.", "The procedure is removed."),
        "added": ("Đã thêm thủ tục “{title}”.", "Procedure “{title}” added."),
        "saved": ("Đã lưu thủ tục “{title}”.", "Procedure “{title}” saved."),
    },
)
# The devices page: pairing, the printer form and the day's rehearsal.
register_group(
    "devices_page",
    {
        "choose_kind": ("Hãy chọn loại thiết bị.", "Choose the kind of device."),
        "paired": (
            "Đã ghép nối “{name}”. Màn hình sẽ tự chuyển trong vài giây.",
            "“{name}” is paired. Its screen moves on by itself in a few seconds.",
        ),
        "test_issued": (
            "Đã cấp số thử {number}. Ki-ốt và màn hình chờ sẽ thấy số này.",
            "Test number {number} issued. Kiosks and boards will show it.",
        ),
        "test_called": (
            "Đã gọi số thử {number} đến quầy {counter}: màn hình chờ phải hiện số và "
            "đọc thông báo.",
            "Test number {number} called to counter {counter}: the boards must show it "
            "and say it.",
        ),
        "test_finished": (
            "Đã kết thúc số thử {number}.",
            "Test number {number} finished.",
        ),
        "no_printers": (
            "Chưa có máy in hay ki-ốt nào để in thử.",
            "There is no printer or kiosk to print a test on yet.",
        ),
        "test_print_sent": (
            "Đã gửi lệnh in một phiếu thử (số thử, không tính vào báo cáo); xem trạng "
            "thái ở bảng “Lệnh in gần đây” bên dưới.",
            "A test ticket was sent to print (a test number, not in the reports); its "
            "state is in “Recent print jobs” below.",
        ),
        "no_open_field": (
            "Chưa có lĩnh vực nào đang mở để in phiếu thử.",
            "No field is open to print a test ticket for.",
        ),
        "printer_none": ("Không có máy in", "No printer"),
        "printer_network": ("Máy in mạng (LAN)", "Network printer (LAN)"),
        "printer_usb": ("Máy in USB", "USB printer"),
        "printer_serial": ("Máy in cổng COM", "Serial (COM) printer"),
        "printer_cups": (
            "Máy in của hệ điều hành (CUPS)",
            "The system's printer (CUPS)",
        ),
        "printer_file": ("Ghi ra tệp (thử nghiệm)", "Write to a file (testing)"),
        "printer_agent": ("Qua chương trình in", "Through the print program"),
        "field_kind": ("Loại máy in", "Printer kind"),
        "field_host": ("Địa chỉ IP", "IP address"),
        "field_port": ("Cổng", "Port"),
        "field_width": ("Khổ giấy", "Paper width"),
        "field_vendor_id": ("Mã hãng USB", "USB vendor id"),
        "field_product_id": ("Mã sản phẩm USB", "USB product id"),
        "field_device": ("Thiết bị", "Device"),
        "field_printer": ("Tên máy in", "Printer name"),
        "field_path": ("Đường dẫn tệp", "File path"),
        "field_config": ("cấu hình", "settings"),
        "choose_printer": ("Hãy chọn loại máy in.", "Choose the kind of printer."),
        "fill": ("Hãy điền mục “{field}”.", "Fill in “{field}”."),
        "need_number": (
            "Mục “{field}” cần một số hợp lệ.",
            "“{field}” needs a valid number.",
        ),
        "printer_port_refused": (
            "Máy chủ không cho phép máy in này: cổng {port} không phải cổng máy in. "
            "Các cổng được dùng: {ports} (máy in mạng thường dùng 9100).",
            "The server does not allow this printer: port {port} is not a printer's "
            "port. Ports allowed: {ports} (network printers usually use 9100).",
        ),
        "printer_host_refused": (
            "Máy chủ không cho phép máy in này: địa chỉ “{host}” không thuộc mạng nội "
            "bộ của đơn vị ({networks}). Địa chỉ IP của máy in có trên trang tự kiểm "
            "tra của máy in (thường: tắt máy in, giữ nút FEED rồi bật lại).",
            "The server does not allow this printer: “{host}” is not on the office's "
            "network ({networks}). The printer's IP address is on its self-test page "
            "(usually: turn it off, hold FEED and turn it on).",
        ),
        "printer_kind_refused": (
            "Máy chủ không cho phép loại máy in “{kind}”: người vận hành máy chủ "
            "chưa bật loại này. Hãy dùng máy in mạng (LAN), máy in USB hoặc chương "
            "trình in.",
            "The server does not allow printers of the kind “{kind}”: its operator "
            "has not enabled it. Use a network (LAN) or USB printer, or the print "
            "program.",
        ),
        "bad_width": (
            "Khổ giấy phải là 58 mm (384 điểm) hoặc 80 mm (512/576 điểm).",
            "The paper must be 58 mm (384 dots) or 80 mm (512/576 dots) wide.",
        ),
        "bad_config": (
            "Cấu hình máy in chưa đúng ở mục “{field}”. Hãy kiểm tra lại.",
            "The printer's “{field}” is not right. Please check it.",
        ),
        "printer_saved": ("Đã lưu máy in của “{name}”.", "Printer of “{name}” saved."),
        "test_page_sent": (
            "Đã gửi trang thử tới chương trình in.",
            "The test page was sent to the print program.",
        ),
        "test_page_printed": (
            "Đã in trang thử. Hãy xem máy in có ra giấy không.",
            "The test page was printed. See whether paper came out.",
        ),
        "test_page_failed": (
            "Không in được trang thử: {error}",
            "The test page did not print: {error}",
        ),
    },
)
# The booking settings page: its errors, then its settings' names.
_BOOKING_MESSAGES: dict[str, tuple[str, str]] = {
    "booking_setting_bad": (
        "Giá trị của mục “{label}” không hợp lệ.",
        "The value of “{label}” is not valid.",
    ),
    "booking_setting_number": (
        "Mục “{label}” cần một số nguyên từ {low} đến {high}.",
        "“{label}” needs a whole number from {low} to {high}.",
    ),
    "booking_setting_hours": (
        "Mục “{label}” cần khung giờ dạng 07:30-11:30,13:30-17:00 (giờ bắt đầu trước"
        " giờ kết thúc, các khung theo thứ tự trong ngày).",
        "“{label}” needs periods like 07:30-11:30,13:30-17:00 (each start before its"
        " end, in the order of the day).",
    ),
    "booking_setting_url": (
        "Mục “{label}” cần một địa chỉ bắt đầu bằng http:// hoặc https://.",
        "“{label}” needs an address starting with http:// or https://.",
    ),
    "booking_setting_url_private": (
        "Mục “{label}” trỏ tới mạng riêng của máy chủ (127.0.0.1, 10.x, 172.16-31.x,"
        " 192.168.x, 169.254.x), nên không được dùng; người vận hành máy chủ có thể"
        " cho phép (MOTCUA_OUTBOUND_PRIVATE).",
        "“{label}” points at the server's own networks (127.0.0.1, 10.x, 172.16-31.x,"
        " 192.168.x, 169.254.x), which is not allowed; the server's operator can"
        " allow it (MOTCUA_OUTBOUND_PRIVATE).",
    ),
    "booking_setting_length": (
        "Mục “{label}” dài quá {high} ký tự.",
        "“{label}” is longer than {high} characters.",
    ),
    "booking_setting_braces": (
        "Mẫu tin “{label}” có dấu ngoặc nhọn không khớp. Chỉ dùng được: {allowed}.",
        "Template “{label}” has unmatched braces. Only these fit: {allowed}.",
    ),
    "booking_setting_placeholder": (
        "Mẫu tin “{label}” có chỗ điền {field} không dùng được. Chỉ dùng được:"
        " {allowed}.",
        "Template “{label}” uses {field}, which is not available. Only these fit:"
        " {allowed}.",
    ),
    "booking_setting_zalo": (
        "Mục “{label}” cần mã mẫu tin Zalo (chữ không dấu, số, gạch).",
        "“{label}” needs a Zalo template id (letters, digits, dashes).",
    ),
}
register({k: v for k, v in _BOOKING_MESSAGES.items() if k not in MESSAGES})
register_group(
    "booking_page",
    {
        "kind_otp": ("Mã xác nhận", "Confirmation code"),
        "kind_booked": ("Đã đặt lịch", "Booked"),
        "kind_issued": ("Đã cấp số cho hôm nay", "Number issued for today"),
        "kind_near": ("Sắp đến lượt", "Turn coming up"),
        "kind_called": ("Mời đến quầy", "Please come to the counter"),
        "kind_no_show": ("Đã gọi nhưng vắng mặt", "Called but not there"),
        "kind_missed": ("Lỡ lịch hẹn", "Missed appointment"),
        "channel_sms": ("Tin nhắn SMS", "SMS text message"),
        "channel_zalo": ("Zalo", "Zalo"),
        "day_mon_fri": ("Thứ Hai – Thứ Sáu", "Monday – Friday"),
        "day_sat": ("Thứ Bảy", "Saturday"),
        "day_sun": ("Chủ nhật", "Sunday"),
        "label_enabled": ("Nhận đặt lịch trực tuyến", "Take bookings online"),
        "label_identity": ("Cách xác nhận người đặt", "How a booker is confirmed"),
        "label_open": ("Giờ nhận đặt lịch", "Hours bookings are taken"),
        "label_hours": ("Khung giờ hẹn", "Appointment hours"),
        "label_days_ahead": (
            "Đặt trước tối đa (ngày)",
            "Longest booking ahead (days)",
        ),
        "label_slot_minutes": (
            "Độ dài mỗi khung giờ (phút)",
            "Length of each slot (minutes)",
        ),
        "label_capacity": ("Số chỗ mỗi khung giờ", "Places in each slot"),
        "label_daily_cap": ("Số lượt đặt tối đa mỗi ngày", "Most bookings a day"),
        "label_per_person_daily": (
            "Số lượt mỗi người một ngày",
            "Bookings per person a day",
        ),
        "label_active_per_person": (
            "Số lịch hẹn một người giữ cùng lúc",
            "Appointments one person may hold at once",
        ),
        "label_grace_before_min": ("Được đến sớm (phút)", "May come early (minutes)"),
        "label_grace_after_min": ("Được đến muộn (phút)", "May come late (minutes)"),
        "label_otp_ttl_s": (
            "Mã xác nhận có hiệu lực (giây)",
            "Confirmation code valid for (seconds)",
        ),
        "label_otp_attempts": ("Số lần nhập sai mã", "Wrong code entries allowed"),
        "label_otp_resend_s": (
            "Chờ trước khi gửi lại mã (giây)",
            "Wait before sending the code again (seconds)",
        ),
        "label_otp_max_sends": (
            "Số lần gửi mã cho một lượt đặt",
            "Codes sent for one booking",
        ),
        "label_codes_per_hour": (
            "Số lượt chưa xác nhận mỗi số điện thoại trong một giờ",
            "Unconfirmed bookings per phone number in an hour",
        ),
        "label_near_ahead": (
            "Báo “sắp đến lượt” khi còn N người phía trước",
            "Say “turn coming up” when N people are ahead",
        ),
        "label_max_attempts": ("Số lần thử gửi một tin", "Tries to send one message"),
        "label_timeout_s": (
            "Thời gian chờ cổng tin nhắn (giây)",
            "Wait for the message gateway (seconds)",
        ),
        "label_url": ("địa chỉ cổng", "gateway address"),
        "label_token": ("khóa truy cập", "access key"),
        "label_other_fields": (
            "{label} – các lĩnh vực còn lại",
            "{label} – the other fields",
        ),
    },
)
# What the admin forms call their fields and say of a wrong value.
register_group(
    "admin_form",
    {
        "label_name": ("Tên", "Name"),
        "label_priority_policy": (
            "Cách gọi số ưu tiên",
            "How priority numbers are called",
        ),
        "label_priority_ratio": (
            "N (số thường giữa hai số ưu tiên)",
            "N (ordinary numbers between two priority numbers)",
        ),
        "label_priority_classes": ("Đối tượng ưu tiên", "Who has priority"),
        "label_per_person_daily_cap": (
            "Số tối đa mỗi người một ngày",
            "Most numbers per person a day",
        ),
        "label_no_show_grace_s": (
            "Thời gian cho phép quay lại",
            "Time allowed to come back",
        ),
        "label_no_show_grace_min": (
            "Thời gian cho phép quay lại (phút)",
            "Time allowed to come back (minutes)",
        ),
        "label_counter_idle_s": (
            "Thời gian quầy không thao tác",
            "Time a counter may sit idle",
        ),
        "label_counter_idle_min": (
            "Thời gian quầy không thao tác (phút)",
            "Time a counter may sit idle (minutes)",
        ),
        "label_announcement_template": (
            "Mẫu câu gọi số",
            "Wording of the spoken call",
        ),
        "label_number_reading": ("Cách đọc số", "How numbers are read out"),
        "label_hours": ("Giờ làm việc", "Opening hours"),
        "label_hours_mon_fri": (
            "Giờ làm việc Thứ Hai – Thứ Sáu",
            "Opening hours Monday – Friday",
        ),
        "label_hours_sat": ("Giờ làm việc Thứ Bảy", "Opening hours Saturday"),
        "label_hours_sun": ("Giờ làm việc Chủ nhật", "Opening hours Sunday"),
        "label_report_time": ("Giờ lập báo cáo", "Time the report is made"),
        "label_report_push_url": (
            "Địa chỉ nhận báo cáo",
            "Address that receives reports",
        ),
        "label_personal_data_days": (
            "Số ngày giữ dữ liệu cá nhân",
            "Days personal data is kept",
        ),
        "label_kiosk_texts": (
            "Lời chào, thông báo trên ki-ốt",
            "Kiosk greeting and notice",
        ),
        "label_kiosk_welcome": ("Lời chào trên ki-ốt", "Kiosk greeting"),
        "label_kiosk_notice": (
            "Thông báo về dữ liệu cá nhân",
            "Notice about personal data",
        ),
        "label_display_ticker": (
            "Dòng chữ chạy trên màn hình",
            "Text running along the board",
        ),
        "label_booked_every": (
            "Số người hẹn trước được gọi xen kẽ (1 trong N lượt gọi)",
            "Booked people called in turn (1 in every N calls)",
        ),
        "label_kiosk_idle_s": (
            "Thời gian màn hình phiếu tự về trang đầu (giây)",
            "Time before the ticket screen returns to the start (seconds)",
        ),
        "label_kiosk_read_idle_s": (
            "Thời gian chờ ở màn hình đọc (giây)",
            "Wait on the reading screens (seconds)",
        ),
        "label_kiosk_warn_s": (
            "Thời gian hỏi “Bạn cần thêm thời gian?” (giây)",
            "Time the “Need more time?” question is shown (seconds)",
        ),
        "label_kiosk_cccd": (
            "Đọc mã QR trên căn cước",
            "Read the QR code on ID cards",
        ),
        "label_kiosk_priority_pin": ("Mã PIN của người hướng dẫn", "Usher's PIN"),
        "label_ticket_footer": ("Dòng cuối phiếu", "Last line of the ticket"),
        "label_ticket_logo": ("Logo trên phiếu", "Logo on the ticket"),
        "label_code": ("Mã lĩnh vực", "Field code"),
        "label_name_vi": ("Tên tiếng Việt", "Vietnamese name"),
        "label_name_en": ("Tên tiếng Anh", "English name"),
        "label_range_start": ("Số đầu", "First number"),
        "label_range_end": ("Số cuối", "Last number"),
        "label_daily_cap": ("Số tối đa mỗi ngày", "Most numbers a day"),
        "label_number": ("Số quầy", "Counter number"),
        "label_username": ("Tên đăng nhập", "Username"),
        "label_full_name": ("Họ và tên", "Full name"),
        "label_role": ("Vai trò", "Role"),
        "rank": ("Thứ tự ưu tiên – {who}", "Priority order – {who}"),
        "fill": ("Hãy điền mục “{field}”.", "Fill in “{field}”."),
        "need_number": ("Mục “{field}” cần một số.", "“{field}” needs a number."),
        "between": (
            "Mục “{field}” cần số từ {low} đến {high}.",
            "“{field}” needs a number from {low} to {high}.",
        ),
    },
)
