"""Words of the display face: the lobby board and the pairing page, Vietnamese first."""

from __future__ import annotations

from motcua.i18n import message, register, register_group

register(
    {
        "pairing_code_format": (
            "Mã ghép nối gồm {digits} chữ số.",
            "A pairing code has {digits} digits.",
        ),
        "pairing_code_unknown": (
            "Không có màn hình nào đang hiện mã {pairing_code}, hoặc mã đã hết hạn.",
            "No screen is showing the code {pairing_code}, or it has expired.",
        ),
        "pairing_busy": (
            "Đang có quá nhiều yêu cầu ghép nối, vui lòng thử lại sau.",
            "Too many pairing requests at once; please try again later.",
        ),
        "bad_zone": (
            "Danh sách quầy phải là các số quầy.",
            "The counters must be a list of counter numbers.",
        ),
    }
)

# What the lobby board's script writes, in the office's language.
register_group(
    "board",
    {
        "day_0": ("Chủ nhật", "Sunday"),
        "day_1": ("Thứ Hai", "Monday"),
        "day_2": ("Thứ Ba", "Tuesday"),
        "day_3": ("Thứ Tư", "Wednesday"),
        "day_4": ("Thứ Năm", "Thursday"),
        "day_5": ("Thứ Sáu", "Friday"),
        "day_6": ("Thứ Bảy", "Saturday"),
        "unstaffed": ("Chưa có quầy phục vụ", "No counter serving yet"),
        "now": ("ngay", "now"),
        "minutes": ("~{m} phút", "~{m} min"),
        "hours": ("~{h} giờ", "~{h} h"),
        "paused": ("Tạm dừng", "Paused"),
        "paused_because": ("Tạm dừng · {reason}", "Paused · {reason}"),
        "no_clerk": ("Chưa có cán bộ", "No staff yet"),
        "ready": ("Sẵn sàng", "Ready"),
        "no_wait": ("Không phải chờ: {fields}", "No wait: {fields}"),
        "call": (
            "Mời công dân có số thứ tự {number} đến {counter}",
            "Number {number}, please go to {counter}",
        ),
    },
)
register_group(
    "pair",
    {
        "left": (
            "Mã còn hiệu lực khoảng {m} phút.",
            "The code is valid for about {m} more minutes.",
        ),
        "paired": (
            "Đã ghép nối. Đang mở trang của thiết bị…",
            "Paired. Opening the device's page…",
        ),
    },
)
# What the admin's voice page says of a voice pack or a recording.
register_group(
    "voice",
    {
        "file_too_big": (
            "Tệp quá lớn (tối đa 20 MB).",
            "The file is too big (20 MB at most).",
        ),
        "not_zip": (
            "Tệp tải lên không phải tệp ZIP.",
            "The uploaded file is not a ZIP file.",
        ),
        "too_many_files": (
            "Gói giọng đọc có quá nhiều tệp.",
            "The voice pack has too many files.",
        ),
        "bad_member": (
            "Tệp '{name}' không hợp lệ: gói chỉ gồm index.json và các tệp .wav, "
            "không có thư mục con.",
            "File '{name}' is not allowed: a pack holds only index.json and .wav "
            "files, with no folders.",
        ),
        "unpacked_too_big": (
            "Gói giọng đọc khi giải nén quá lớn (tối đa 60 MB, nén không quá 50 lần).",
            "The voice pack is too big unpacked (60 MB at most, compressed at most "
            "50 times).",
        ),
        "no_index": (
            "Thiếu tệp index.json trong gói giọng đọc.",
            "The voice pack has no index.json.",
        ),
        "silent_file": ("Tệp {name} không có âm thanh.", "File {name} has no sound."),
        "unreadable": (
            "Gói giọng đọc không đọc được: {why}",
            "The voice pack cannot be read: {why}",
        ),
        "clip_too_big": (
            "Bản thu quá dài (tối đa 2 MB).",
            "The recording is too big (2 MB at most).",
        ),
        "clip_silent": (
            "Không nghe thấy tiếng trong bản thu. Hãy thu lại.",
            "No voice is heard in the recording. Please record again.",
        ),
        "clip_too_long": (
            "Bản thu dài quá {seconds} giây. Hãy thu lại, nói gọn hơn.",
            "The recording is longer than {seconds} seconds. Record again, shorter.",
        ),
        "clip_not_wav": (
            "Bản thu không phải tệp WAV đọc được.",
            "The recording is not a readable WAV file.",
        ),
        "clips_missing": (
            "Còn thiếu bản thu: {items}.",
            "Recordings still missing: {items}.",
        ),
    },
)


def voice_problem(code: str, **params: object) -> str:
    """A voice pack or recording problem, as the admin's voice page says it."""
    return message(f"voice.{code}", "vi", **params)


# The lobby board's own text, in the office's language.
register_group(
    "board_page",
    {
        "title": ("{office} – Bảng hiển thị", "{office} – Queue board"),
        "all_fields": ("Mọi lĩnh vực", "Every field"),
        "kicker": (
            "Trung tâm Phục vụ hành chính công",
            "Public Administration Service Centre",
        ),
        "sound_on": ("Bật âm thanh", "Turn the sound on"),
        "serving": ("Đang phục vụ", "Now serving"),
        "latest": ("Mời số", "Now calling"),
        "recent": ("Vừa gọi", "Just called"),
        "waiting": ("Đang chờ", "Waiting"),
        "waiting_note": ("thời gian chờ dự kiến", "expected wait"),
    },
)
# The pairing page's own text: Vietnamese, as the ward's staff read it (a new
# screen's browser language says nothing of the ward's).
register_group(
    "pair_page",
    {
        "title": ("Ghép nối màn hình", "Pair this screen"),
        "heading": ("Ghép nối thiết bị này", "Pair this device"),
        "code": ("Mã ghép nối", "Pairing code"),
        "code_is": ("Mã ghép nối {code}", "Pairing code {code}"),
        "step_sign_in": (
            "Trên máy tính, đăng nhập trang quản trị bằng tài khoản quản trị.",
            "On a computer, sign in to the admin pages with an admin account.",
        ),
        "step_enter": (
            "Vào mục “Thiết bị”, phần “Ghép nối bằng mã trên màn hình”, nhập mã trên.",
            "Open “Thiết bị” (Devices), part “Ghép nối bằng mã trên màn hình” "
            "(pair by the code on the screen), and enter the code above.",
        ),
        "step_kind": (
            "Chọn loại thiết bị (ki-ốt, màn hình chờ, thiết bị đánh giá) rồi bấm "
            "“Ghép nối”.",
            "Choose the kind of device (kiosk, board, rating terminal) and press "
            "“Ghép nối” (Pair).",
        ),
        "step_done": (
            "Thiết bị này sẽ tự chuyển sang trang của nó, không cần bấm gì thêm.",
            "This device then opens its own page by itself; nothing more to press.",
        ),
    },
)
