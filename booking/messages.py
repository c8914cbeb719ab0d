"""Words of the booking face: errors in Vietnamese and English."""

from __future__ import annotations

from motcua.i18n import register, register_group

MESSAGES: dict[str, tuple[str, str]] = {
    "booking_disabled": (
        "Văn phòng chưa nhận đặt lịch trực tuyến.",
        "This office does not take online bookings.",
    ),
    "booking_closed": (
        "Chỉ nhận đặt lịch trong khung giờ {hours}. Mời quay lại sau.",
        "Bookings are taken only during {hours}. Please come back later.",
    ),
    "consent_required": (
        "Cần đồng ý với thông báo về dữ liệu cá nhân để đặt lịch.",
        "Please agree to the personal data notice to book.",
    ),
    "bad_booking": ("Yêu cầu đặt lịch không hợp lệ.", "The booking is not valid."),
    "bad_phone": (
        "Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0).",
        "The phone number is not valid (10 digits starting with 0).",
    ),
    "bad_id_number": (
        "Số căn cước không hợp lệ (12 chữ số) hoặc văn phòng không nhận cách này.",
        "The ID number is not valid (12 digits) or this office does not take it.",
    ),
    "name_required": ("Cần nhập họ và tên.", "Please enter your full name."),
    "today_closed": (
        "Hôm nay văn phòng đã hết giờ làm việc. Mời đặt lịch ngày khác.",
        "The office has closed for today. Please book another day.",
    ),
    "bad_slot": (
        "Khung giờ này không có hoặc đã qua. Mời chọn khung giờ khác.",
        "This time slot does not exist or has passed. Please choose another.",
    ),
    "slot_too_far": (
        "Chỉ đặt lịch trước tối đa {days} ngày.",
        "You can book at most {days} days ahead.",
    ),
    "slot_full": (
        "Khung giờ này đã đủ chỗ. Mời chọn khung giờ khác.",
        "This time slot is full. Please choose another.",
    ),
    "booking_day_full": (
        "Lĩnh vực này đã đủ {cap} lượt đặt trong ngày. Mời chọn ngày khác.",
        "This field has all {cap} bookings of the day. Please choose another day.",
    ),
    "person_day_cap": (
        "Mỗi người chỉ được lấy {cap} số trong một ngày.",
        "Each person may take at most {cap} numbers a day.",
    ),
    "active_booking_cap": (
        "Bạn đang có lịch hẹn chưa dùng. Huỷ lịch đó nếu muốn đặt lịch mới.",
        "You already hold a booking. Cancel it to book another.",
    ),
    "otp_unavailable": (
        "Văn phòng chưa cấu hình gửi tin nhắn: mời đặt bằng số căn cước hoặc "
        "lấy số tại ki-ốt.",
        "The office cannot send messages yet: book with your ID card or take a "
        "number at the kiosk.",
    ),
    "otp_wait": (
        "Mời chờ {s} giây rồi gửi lại mã.",
        "Please wait {s} seconds before asking for a new code.",
    ),
    "otp_too_many": (
        "Đã gửi mã quá số lần cho phép. Mời đặt lịch lại.",
        "Too many codes were sent. Please book again.",
    ),
    "otp_expired": (
        'Mã xác nhận đã hết hạn. Bấm "Gửi lại mã".',
        'The code has expired. Press "Send a new code".',
    ),
    "otp_wrong": (
        "Mã xác nhận không đúng. Còn {left} lần thử.",
        "The code is wrong. {left} tries left.",
    ),
    "otp_locked": (
        "Nhập sai mã quá số lần cho phép. Mời đặt lịch lại.",
        "Too many wrong codes. Please book again.",
    ),
    "booking_not_pending": (
        "Lịch hẹn này đã được xác nhận hoặc đã huỷ.",
        "This booking is already confirmed or cancelled.",
    ),
    "booking_not_cancellable": (
        "Không thể huỷ lịch hẹn này nữa.",
        "This booking can no longer be cancelled.",
    ),
    "booking_unknown": (
        "Không tìm thấy lịch hẹn với mã này.",
        "No booking has this code.",
    ),
    "booking_code_bad": (
        "Mã lịch hẹn có dạng LH-XXXXXX.",
        "A booking code looks like LH-XXXXXX.",
    ),
    "booking_pending": (
        "Lịch hẹn chưa được xác nhận bằng mã. Mời lấy số thường.",
        "This booking was never confirmed. Please take a normal number.",
    ),
    "booking_cancelled": (
        "Lịch hẹn này đã bị huỷ. Mời lấy số thường.",
        "This booking was cancelled. Please take a normal number.",
    ),
    "booking_missed": (
        "Lịch hẹn này đã quá giờ. Mời lấy số thường.",
        "This booking has passed. Please take a normal number.",
    ),
    "booking_locked": (
        "Lịch hẹn này đã bị khoá. Mời lấy số thường.",
        "This booking is locked. Please take a normal number.",
    ),
    "booking_early": (
        "Bạn đến sớm: có thể xác nhận lịch hẹn từ {at}. Hoặc lấy số thường ngay.",
        "You are early: check in from {at}, or take a normal number now.",
    ),
    "booking_late": (
        "Đã quá giờ hẹn {at}. Mời lấy số thường tại ki-ốt.",
        "Your slot at {at} has passed. Please take a normal number at the kiosk.",
    ),
}

register(MESSAGES)

# What the staff's list of today's bookings writes.
register_group(
    "booking_staff",
    {
        "status_booked": ("Đã đặt", "Booked"),
        "status_issued": ("Số từ xa", "Remote number"),
        "status_checked_in": ("Đã đến", "Arrived"),
        "status_cancelled": ("Đã huỷ", "Cancelled"),
        "status_missed": ("Không đến", "Did not come"),
        "status_locked": ("Đã khoá", "Locked"),
        "figures": (
            "Số từ xa: {remote_numbers} · Lịch hẹn: {slots_booked} · Đã đến: "
            "{checked_in} · Không đến: {missed} · Vắng khi gọi: {no_show} · Đã huỷ: "
            "{cancelled}",
            "Remote numbers: {remote_numbers} · Appointments: {slots_booked} · "
            "Arrived: {checked_in} · Did not come: {missed} · Absent when called: "
            "{no_show} · Cancelled: {cancelled}",
        ),
        "today_remote": ("Hôm nay (từ xa)", "Today (remote)"),
        "offline": ("Mất kết nối – đang thử lại…", "Connection lost – retrying…"),
    },
)
# The staff's bookings page: its own text, in the office's language.
register_group(
    "booking_staff_page",
    {
        "title": ("Lịch hẹn hôm nay", "Today's appointments"),
        "heading": (
            "Lịch hẹn và số lấy từ xa hôm nay",
            "Today's appointments and numbers taken from home",
        ),
        "username": ("Tên đăng nhập", "Username"),
        "password": ("Mật khẩu", "Password"),
        "signin": ("Đăng nhập", "Sign in"),
        "outbox_title": (
            "Tin nhắn chờ đọc cho công dân",
            "Messages waiting to be read to citizens",
        ),
        "outbox_note": (
            "Văn phòng chưa có dịch vụ SMS hay Zalo: mã xác nhận đặt lịch nằm ở đây. "
            "Khi công dân gọi điện hoặc đến quầy, hỏi 4 số cuối điện thoại rồi đọc mã "
            "cho họ.",
            "The office has no SMS or Zalo service yet: booking confirmation codes "
            "wait here. When a citizen phones or comes to a counter, ask for the last "
            "4 digits of their phone and read them the code.",
        ),
        "col_at": ("Lúc", "At"),
        "col_phone": ("Điện thoại", "Phone"),
        "col_text": ("Nội dung", "Message"),
        "col_time": ("Giờ hẹn", "Time"),
        "col_field": ("Lĩnh vực", "Field"),
        "col_code": ("Mã", "Code"),
        "col_who": ("Người đặt", "Booked by"),
        "col_status": ("Trạng thái", "Status"),
        "col_number": ("Số", "Number"),
    },
)
# The citizen's booking pages from home: their own text, in the language the citizen
# chose (Vietnamese unless "?lang=en"), as the errors booking/views.py shows on them.
register_group(
    "book_page",
    {
        "title": ("Đặt lịch – {office}", "Booking – {office}"),
        "heading": ("Lấy số / Đặt lịch hẹn", "Take a number / Book a time"),
        "choose_field": ("1. Chọn lĩnh vực", "1. Choose a field"),
        "field": ("Lĩnh vực:", "Field:"),
        "change_field": ("Đổi lĩnh vực", "Change the field"),
        "choose_time": ("2. Chọn thời gian", "2. Choose a time"),
        "today": (
            "Lấy số ngay cho hôm nay (vào hàng chờ như lấy số tại chỗ)",
            "A number for today, now (you join the queue as at the kiosk)",
        ),
        "day": ("Ngày {day}", "{day}"),
        "slot": (
            "{time} ngày {day} (còn {left} chỗ)",
            "{time} on {day} ({left} places left)",
        ),
        "you": ("3. Thông tin của bạn", "3. About you"),
        "phone_code": (
            "Số điện thoại (nhận mã xác nhận)",
            "Phone number (for the confirmation code)",
        ),
        "phone_outbox": (
            "Số điện thoại (văn phòng chưa gửi được tin nhắn: mã xác nhận nằm ở quầy "
            "tiếp đón, cán bộ đọc cho bạn)",
            "Phone number (the office cannot send messages yet: the confirmation code "
            "waits at the reception desk, staff read it to you)",
        ),
        "id_number": ("Số căn cước (12 chữ số)", "ID card number (12 digits)"),
        "name": ("Họ và tên", "Full name"),
        "notify": (
            "Nhắn tin cho tôi khi đặt xong, khi sắp đến lượt và khi được gọi",
            "Message me when booked, when my turn is near and when I am called",
        ),
        "channel": ("Nhận tin qua", "Messages by"),
        "channel_sms": ("Tin nhắn SMS", "SMS text message"),
        "channel_zalo": ("Zalo", "Zalo"),
        "notice": (
            "Thông báo về dữ liệu cá nhân: văn phòng chỉ lưu số điện thoại hoặc số "
            "căn cước dưới dạng mã hoá và che bớt (4 số cuối) để áp dụng giới hạn lấy "
            "số; số điện thoại chỉ được giữ đến hết ngày hẹn nếu bạn chọn nhận tin "
            "nhắn. Dữ liệu được xoá sau thời hạn lưu trữ của văn phòng.",
            "About your personal data: the office keeps your phone or ID card number "
            "only encrypted and masked (the last 4 digits) to apply the limits on "
            "numbers; your phone number is kept until the end of the booked day only "
            "if you choose to get messages. The data is deleted after the office's "
            "keeping period.",
        ),
        "consent": ("Tôi đồng ý với thông báo trên", "I agree to the notice above"),
        "submit": ("Đặt lịch", "Book"),
        "booking_title": ("Lịch hẹn {code}", "Booking {code}"),
        "enter_code": ("Nhập mã xác nhận", "Enter the confirmation code"),
        "code_at_desk": (
            "Văn phòng chưa có dịch vụ tin nhắn nên mã không gửi về điện thoại "
            "{person}: mã nằm ở quầy tiếp đón. Gọi điện cho văn phòng hoặc hỏi cán bộ "
            "tại quầy, đọc 4 số cuối điện thoại của bạn để được đọc mã.",
            "The office has no message service yet, so the code was not sent to "
            "{person}: it waits at the reception desk. Phone the office or ask the "
            "staff at the desk, give the last 4 digits of your phone, and they read "
            "you the code.",
        ),
        "code_sent": (
            "Mã gồm 6 chữ số đã được gửi đến số điện thoại {person}.",
            "A 6-digit code was sent to the phone number {person}.",
        ),
        "code": ("Mã xác nhận", "Confirmation code"),
        "confirm": ("Xác nhận", "Confirm"),
        "resend": ("Gửi lại mã", "Send the code again"),
        "your_slot": ("Lịch hẹn của bạn", "Your appointment"),
        "your_number": ("Số của bạn", "Your number"),
        "number": ("Số", "Number"),
        "follow": ("Theo dõi lượt của bạn", "Follow your turn"),
        "slot_time": ("Giờ hẹn:", "Time:"),
        "booking_code": ("Mã lịch hẹn:", "Booking code:"),
        "bring_qr": (
            "Khi đến văn phòng, đưa mã QR này vào máy quét của ki-ốt (hoặc gõ mã) để "
            "nhận số.",
            "At the office, hold this QR code to the kiosk's scanner (or type the "
            "code) to get your number.",
        ),
        "qr_alt": ("Mã QR của lịch hẹn {code}", "QR code of booking {code}"),
        "status": ("Trạng thái: {status}", "Status: {status}"),
        "status_booked": ("Đã đặt", "Booked"),
        "status_issued": ("Đã cấp số", "Number issued"),
        "status_checked_in": ("Đã nhận số", "Number taken"),
        "status_cancelled": ("Đã huỷ", "Cancelled"),
        "status_missed": ("Đã quá giờ hẹn", "The time has passed"),
        "status_locked": ("Đã khoá", "Locked"),
        "cancel": ("Huỷ lịch hẹn", "Cancel the booking"),
        "missing": ("Không tìm thấy lịch hẹn", "Booking not found"),
        "new": ("Đặt lịch mới", "Make a new booking"),
        "switch": ("English", "Tiếng Việt"),
    },
)
