"""The printer's words: API errors, printer faults and states, the ticket itself."""

from __future__ import annotations

from motcua.i18n import MESSAGES, register, register_group

_MESSAGES = {
    "no_printer": (
        "Ki-ốt đã cấp số này chưa được cấu hình máy in.",
        "The kiosk that gave this ticket has no printer set up.",
    ),
    "bad_printer_config": (
        "Cấu hình máy in chưa đúng ở mục '{reason}'.",
        "The printer settings are not valid at '{reason}'.",
    ),
    "printer_not_allowed": (
        "Máy chủ không cho phép máy in này (mục '{reason}'): chỉ máy in mạng nội bộ "
        "ở cổng máy in, hoặc loại mà người vận hành máy chủ cho phép.",
        "The server does not allow this printer ('{reason}'): only LAN printers at "
        "printer ports, or kinds the operator enables.",
    ),
    "unknown_device": ("Không có thiết bị này.", "No such device."),
}

# unknown_device is shared with the admin pages: whoever loads first defines it.
register({k: v for k, v in _MESSAGES.items() if k not in MESSAGES})

# What a printed ticket says.
register_group(
    "ticket_print",
    {
        "heading": ("SỐ THỨ TỰ", "YOUR NUMBER"),
        "ahead": ("Số người chờ trước bạn: {n}", "People ahead of you: {n}"),
        "wait": ("Thời gian chờ: {wait}", "Estimated wait: {wait}"),
        "issued": ("Giờ lấy số: {time}", "Issued: {time}"),
        "scan": ("Quét mã để theo dõi lượt của bạn", "Scan to follow your turn"),
        "wait_unknown": ("chưa có quầy phục vụ", "no counter serving yet"),
        "wait_under_minute": ("dưới 1 phút", "under 1 minute"),
        "wait_minutes": ("khoảng {m} phút", "about {m} min"),
        "wait_hours": ("khoảng {h} giờ", "about {h} h"),
        "wait_hours_minutes": ("khoảng {h} giờ {m} phút", "about {h} h {m} min"),
    },
)
# Why a print failed, as the admin's device page and the print log show it.
register_group(
    "printer_fault",
    {
        "refused": (
            "Máy in {where} từ chối kết nối: kiểm tra máy in đã bật và đúng cổng.",
            "Printer {where} refused the connection: check it is on and the port.",
        ),
        "timeout": (
            "Máy in {where} không phản hồi sau {seconds:g} giây.",
            "Printer {where} did not answer within {seconds:g} seconds.",
        ),
        "closed": (
            "Máy in {where} ngắt kết nối khi đang in: kiểm tra giấy và in lại.",
            "Printer {where} closed the connection while printing: check the paper "
            "and print again.",
        ),
        "unreachable": (
            "Không kết nối được tới máy in {where}: kiểm tra mạng và địa chỉ.",
            "Printer {where} cannot be reached: check the network and the address.",
        ),
        "not_found": (
            "Không tìm thấy máy in {where}: kiểm tra cáp và nguồn.",
            "Printer {where} was not found: check the cable and the power.",
        ),
        "unavailable": (
            "Máy này thiếu thư viện cho loại máy in {where}.",
            "This computer lacks the library for printers of kind {where}.",
        ),
        "config": (
            "Cấu hình máy in chưa đúng: {where}.",
            "The printer settings are not right: {where}.",
        ),
        "io": (
            "Lỗi khi gửi dữ liệu tới máy in {where}.",
            "Sending data to printer {where} failed.",
        ),
        "kind_unknown": (
            "loại máy in không hỗ trợ {kind}",
            "printer kind {kind} is not supported",
        ),
        "entry_missing": (
            "thiếu mục {entry} cho máy in {kind}",
            "entry {entry} is missing for printer {kind}",
        ),
        "host_missing": (
            "thiếu địa chỉ (host) máy in mạng",
            "the network printer's address (host) is missing",
        ),
        "no_ack": (
            "Chương trình in không xác nhận lệnh in: kiểm tra máy tính ki-ốt.",
            "The print program did not confirm the job: check the kiosk computer.",
        ),
        "no_printer": (
            "Thiết bị chưa được cấu hình máy in.",
            "The device has no printer set up.",
        ),
        "no_ticket": (
            "Số thứ tự của lệnh in không còn.",
            "The print job's ticket is gone.",
        ),
        "agent_gone": (
            "Chương trình in đã ngắt kết nối.",
            "The print program has disconnected.",
        ),
    },
)
# A printer's state in words.
register_group(
    "printer_state",
    {
        "ok": ("Máy in sẵn sàng.", "The printer is ready."),
        "paper_low": ("Giấy sắp hết.", "Paper is running low."),
        "paper_out": ("Hết giấy.", "Out of paper."),
        "cover_open": ("Nắp máy in đang mở.", "The printer cover is open."),
        "error": (
            "Máy in báo lỗi (kẹt giấy hoặc dao cắt).",
            "The printer reports an error (paper jam or cutter).",
        ),
        "unknown": (
            "Không rõ trạng thái: máy in không trả lời.",
            "State unknown: the printer does not answer.",
        ),
    },
)
# What the print program says in its terminal.
register_group(
    "printer_agent",
    {
        "paired": ("Đã ghép nối.", "Paired."),
        "running": (
            "Chương trình in: kết nối {server}, máy in {printer}. Ctrl+C để dừng.",
            "Print program: server {server}, printer {printer}. Ctrl+C to stop.",
        ),
        "written": ("Đã ghi {size} byte vào {path}.", "Wrote {size} bytes to {path}."),
        "code": (
            "Mã ghép nối: {code}. Trên trang quản trị, mục Thiết bị, nhập mã này và "
            "chọn “Máy in (chương trình in)”.",
            "Pairing code: {code}. On the admin pages, under Devices, enter this code "
            "and choose “Printer (print program)”.",
        ),
        "code_expired": (
            "Mã đã hết hạn; đang lấy mã mới.",
            "The code has expired; getting a new one.",
        ),
    },
)
