"""Words of the counter face and the rating terminal (Vietnamese first)."""

from __future__ import annotations

from motcua.i18n import register, register_group

MESSAGES: dict[str, tuple[str, str]] = {
    "unknown_help": (
        "Không tìm thấy yêu cầu hỗ trợ này.",
        "This help request was not found.",
    ),
    "bad_score": (
        "Mức đánh giá phải từ 1 đến 5.",
        "The rating must be from 1 to 5.",
    ),
    "bad_reason": ("Lý do đánh giá không hợp lệ.", "The rating reason is not valid."),
    "already_rated": (
        "Lượt phục vụ này đã được đánh giá.",
        "This service has already been rated.",
    ),
    "rating_closed": (
        "Đã hết thời gian đánh giá lượt phục vụ này.",
        "The time to rate this service has passed.",
    ),
    "rating_other_counter": (
        "Máy đánh giá này thuộc quầy khác.",
        "This rating terminal belongs to another counter.",
    ),
    "unknown_command": (
        "Lệnh '{action}' không được hỗ trợ.",
        "Unknown command '{action}'.",
    ),
}

register(MESSAGES)

# What the counter console's script says, in the office's language.
register_group(
    "console",
    {
        "done_call_next": ("Đã gọi số {number}.", "Called number {number}."),
        "done_recall": ("Đã gọi lại số {number}.", "Called number {number} again."),
        "done_start": (
            "Bắt đầu phục vụ số {number}.",
            "Started serving number {number}.",
        ),
        "done_finish": ("Đã hoàn thành số {number}.", "Finished number {number}."),
        "done_no_show": (
            "Đã ghi vắng mặt số {number}.",
            "Marked number {number} as no-show.",
        ),
        "done_return": (
            "Đã đưa lại hàng chờ số {number}.",
            "Put number {number} back in the queue.",
        ),
        "done_transfer": ("Đã chuyển số {number}.", "Transferred number {number}."),
        "done_call": ("Đã gọi số {number}.", "Called number {number}."),
        "done_priority": (
            "Đã đánh dấu ưu tiên số {number}.",
            "Marked number {number} as priority.",
        ),
        "done_dossier": (
            "Đã lưu mã hồ sơ cho số {number}.",
            "Saved the dossier code for number {number}.",
        ),
        "under_minute": ("< 1 phút", "< 1 min"),
        "minutes": ("{m} phút", "{m} min"),
        "not_sent": (
            "Không gửi được lệnh, hãy thử lại.",
            "The command was not sent; please try again.",
        ),
        "slow": (
            "Máy chủ đang chậm, vui lòng chờ… Lệnh vừa bấm vẫn đang được xử lý.",
            "The server is slow, please wait… The command is still being processed.",
        ),
        "offline_held": (
            "Mất kết nối với máy chủ. Lệnh vừa bấm sẽ được gửi khi kết nối lại.",
            "No connection to the server. The command will be sent on reconnecting.",
        ),
        "working": ("Đang xử lý…", "Working…"),
        "none_waiting": ("Không có ai đang chờ.", "Nobody is waiting."),
        "done_none_waiting": (
            "Đã xong. Không có ai đang chờ.",
            "Done. Nobody is waiting.",
        ),
        "paused": ("Quầy đã tạm dừng.", "The counter is paused."),
        "resumed": ("Quầy đã mở lại.", "The counter is open again."),
        "reprint_sent": ("Đã gửi lệnh in lại.", "Reprint sent."),
        "double_press": (
            "Số {number} vừa được gọi: lần bấm lặp đã được bỏ qua.",
            "Number {number} was just called: the repeated press was ignored.",
        ),
        "none_returnable": (
            "Không có số vắng mặt nào còn trong thời gian quay lại.",
            "No no-show number is still within the time to return.",
        ),
        "loading": (
            "Đang tải hàng chờ của quầy, xin bấm lại sau giây lát.",
            "The counter's queue is still loading; press again in a moment.",
        ),
        "none_current": (
            "Chưa có số nào đang được phục vụ.",
            "No number is being served.",
        ),
        "detail_priority": ("ưu tiên: {priority}", "priority: {priority}"),
        "detail_dossier": ("hồ sơ {code}", "dossier {code}"),
        "detail_note": ("ghi chú: {note}", "note: {note}"),
        "finish_call_next": ("Xong, gọi tiếp", "Done, call next"),
        "call_next": ("Gọi số tiếp theo", "Call next number"),
        "all_fields": ("mọi lĩnh vực", "every field"),
        "no_fields": ("chưa phục vụ lĩnh vực nào", "no field yet"),
        "field": ("Lĩnh vực {name}", "Field {name}"),
        "state_paused": ("Tạm dừng: {reason}", "Paused: {reason}"),
        "state_open": ("Đang mở", "Open"),
        "appointment": ("hẹn {time}", "appointment {time}"),
        "sent_here": ("chuyển đến quầy này", "sent to this counter"),
        "recent_to_counter": ("đã chuyển sang {to}", "transferred to {to}"),
        "recent_to_field": (
            "đã chuyển sang lĩnh vực {to}",
            "transferred to the field {to}",
        ),
        "note": ("Ghi chú: {note}", "Note: {note}"),
        "call_number": ("Gọi số {number}", "Call number {number}"),
        "priority_mark": ("ưu tiên", "priority"),
        "priority_none": ("Bỏ ưu tiên", "No priority"),
        "kiosk_place": ("máy lấy số", "the kiosk"),
        "help_asked": (
            "Cần hỗ trợ: công dân đang gọi ở {place} lúc {time}",
            "Help needed: a citizen is asking at {place} at {time}",
        ),
        "help_done": ("Đã hỗ trợ", "Helped"),
        "priority_asked": (
            "Xin ưu tiên ({priority}): số {number} · {service} · ở {place} lúc {time}.",
            "Priority asked ({priority}): number {number} · {service} · at {place} "
            "at {time}.",
        ),
        "priority_confirm": ("Xác nhận ưu tiên", "Confirm priority"),
        "counter": ("Quầy {counter}", "Counter {counter}"),
        "rated": (
            "Công dân số {number} đã đánh giá: {score}.",
            "Citizen number {number} rated: {score}.",
        ),
        "session_expired": (
            "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.",
            "The session has expired; please sign in again.",
        ),
        "no_counter": (
            "Bạn chưa được phân công quầy nào ở đơn vị này.",
            "You are not assigned to any counter of this office.",
        ),
        "no_server": (
            "Không kết nối được máy chủ.",
            "The server cannot be reached.",
        ),
    },
)
register_group(
    "rating",
    {
        "not_sent": ("Không gửi được đánh giá.", "The rating was not sent."),
    },
)
# The counter console's own text (its buttons, forms and tables), in the office's
# language.
register_group(
    "console_page",
    {
        "title": ("Quầy – {office}", "Counter – {office}"),
        "signin_title": ("Đăng nhập quầy", "Counter sign-in"),
        "username": ("Tên đăng nhập", "Username"),
        "password": ("Mật khẩu", "Password"),
        "signin": ("Đăng nhập", "Sign in"),
        "pick_title": ("Chọn quầy làm việc", "Choose the counter you work at"),
        "signout": ("Đăng xuất", "Sign out"),
        "serving_now": ("Số đang phục vụ", "Number being served"),
        "call_next": ("Gọi số tiếp theo", "Call next number"),
        "recall": ("Gọi lại", "Call again"),
        "start": ("Bắt đầu", "Start"),
        "finish": ("Hoàn thành", "Finish"),
        "no_show": ("Vắng mặt", "No-show"),
        "return": ("Quay lại hàng chờ", "Back to the queue"),
        "reprint": ("In lại phiếu", "Print the ticket again"),
        "transfer": ("Chuyển", "Transfer"),
        "call_number": ("Gọi số cụ thể", "Call a specific number"),
        "priority": ("Ưu tiên", "Priority"),
        "dossier": ("Mã hồ sơ", "Dossier code"),
        "pause": ("Tạm dừng", "Pause"),
        "resume": ("Mở lại quầy", "Reopen the counter"),
        "cancel": ("Huỷ (Esc)", "Cancel (Esc)"),
        "transfer_title": (
            "Chuyển số đang phục vụ",
            "Transfer the number being served",
        ),
        "transfer_to": ("Chuyển đến", "Transfer to"),
        "note": ("Ghi chú", "Note"),
        "call_title": ("Gọi một số cụ thể", "Call a specific number"),
        "ticket": ("Số thứ tự", "Number"),
        "reason": ("Lý do", "Reason"),
        "call_this": ("Gọi số này", "Call this number"),
        "priority_title": ("Đánh dấu ưu tiên", "Mark as priority"),
        "priority_kind": ("Loại ưu tiên", "Kind of priority"),
        "dossier_title": ("Mã hồ sơ của công dân", "The citizen's dossier code"),
        "dossier_status": ("Trạng thái hồ sơ", "Dossier status"),
        "dossier_keep": (
            "Giữ như cũ (hồ sơ mới: {received})",
            "Keep as it is (a new dossier: {received})",
        ),
        "dossier_note": (
            "Công dân tra cứu mã này ở ki-ốt sẽ thấy trạng thái trên.",
            "A citizen who looks this code up at a kiosk sees the status above.",
        ),
        "dossier_save": ("Lưu mã hồ sơ", "Save the dossier code"),
        "pause_title": ("Tạm dừng quầy", "Pause the counter"),
        "pause_break": ("Nghỉ giải lao", "Break"),
        "pause_meeting": ("Họp", "Meeting"),
        "pause_paperwork": ("Xử lý hồ sơ", "Working on dossiers"),
        "pause_fault": ("Sự cố kỹ thuật", "Technical problem"),
        "queue_title": ("Hàng chờ của quầy", "This counter's queue"),
        "col_number": ("Số", "Number"),
        "col_field": ("Lĩnh vực", "Field"),
        "col_wait": ("Chờ", "Wait"),
        "queue_empty": ("Không có ai đang chờ.", "Nobody is waiting."),
        "by_field": ("Theo lĩnh vực", "By field"),
        "col_waiting": ("Đang chờ", "Waiting"),
        "col_estimate": ("Ước tính", "Estimate"),
        "recent": ("Số đã xử lý gần đây", "Recently handled numbers"),
    },
)
# The rating terminal's own text, in the office's language.
register_group(
    "rating_page",
    {
        "title": ("Đánh giá – {counter}", "Rating – {counter}"),
        "welcome": ("Xin kính chào quý khách", "Welcome"),
        "serving": ("Đang phục vụ số {number}", "Now serving number {number}"),
        "ask": (
            "Quý khách đánh giá thế nào về lượt phục vụ số {number}?",
            "How was your service for number {number}?",
        ),
        "seconds_left": ("Còn {seconds} giây", "{seconds} seconds left"),
        "why": (
            "Xin cho biết lý do (chạm để chọn)",
            "Please tell us why (tap to choose)",
        ),
        "reason_wait": ("Chờ đợi lâu", "Long wait"),
        "reason_slow": ("Giải quyết chậm", "Slow handling"),
        "reason_attitude": ("Thái độ chưa tốt", "Staff attitude"),
        "reason_guidance": ("Hướng dẫn chưa rõ ràng", "Unclear guidance"),
        "reason_papers": ("Yêu cầu thêm giấy tờ", "Asked for more papers"),
        "reason_other": ("Lý do khác", "Another reason"),
        "send": ("Gửi đánh giá", "Send the rating"),
        "thanks": ("Cảm ơn quý khách!", "Thank you!"),
    },
)
