"""Words of the admin pages that set up and run an office, Vietnamese first.

Sign-in, the front pages, fields, counters, staff, devices and the first-run steps;
each page's words under admin_<page>, the words several pages share under
admin_shared.
"""

from __future__ import annotations

from motcua.i18n import register_group

register_group(
    "admin_shared",
    {
        "username": ("Tên đăng nhập", "Username"),
        "password": ("Mật khẩu", "Password"),
        "full_name": ("Họ và tên", "Full name"),
        "role": ("Vai trò", "Role"),
        "role_staff": ("Cán bộ", "Staff"),
        "role_manager": ("Lãnh đạo", "Manager"),
        "role_admin": ("Quản trị", "Admin"),
        "sign_in": ("Đăng nhập", "Sign in"),
        "counter": ("Quầy", "Counter"),
        "field": ("Lĩnh vực", "Field"),
        "name": ("Tên", "Name"),
        "code": ("Mã", "Code"),
        "use": ("Dùng", "Use"),
        "range_from": ("Số từ", "Numbers from"),
        "range_to": ("đến", "to"),
        "daily_cap": ("Tối đa/ngày", "Max per day"),
        "save_named": ("Lưu {name}", "Save {name}"),
        "status": ("Trạng thái", "Status"),
    },
)

register_group(
    "admin_base",
    {
        "title": ("Quản trị", "Admin"),
        "brand": ("motcua – Quản trị", "motcua – Admin"),
        "office": ("Đơn vị", "Office"),
        "reports": ("Báo cáo", "Reports"),
        "daily": ("Báo cáo ngày", "Daily report"),
        "health": ("Tình trạng", "Health"),
        "settings": ("Cài đặt", "Settings"),
        "booking": ("Đặt lịch, tin nhắn", "Bookings, messages"),
        "fields": ("Lĩnh vực", "Fields"),
        "counters": ("Quầy", "Counters"),
        "staff": ("Cán bộ", "Staff"),
        "devices": ("Thiết bị", "Devices"),
        "address": ("Địa chỉ truy cập", "Access address"),
        "dossiers": ("Hồ sơ", "Dossiers"),
        "procedures": ("Thủ tục", "Procedures"),
        "audit": ("Nhật ký", "Log"),
        "voice": ("Giọng đọc", "Voice"),
        "backup": ("Sao lưu", "Backup"),
        "sign_out": ("Đăng xuất", "Sign out"),
        "address_warning": (
            "Các liên kết, mã QR trên phiếu và tin nhắn đang trỏ tới {base}: chỉ chính "
            "máy chủ mở được địa chỉ này, điện thoại của công dân và các thiết bị khác "
            "thì không.",
            "Links, the QR codes on tickets and text messages point to {base}: only "
            "the server itself can open this address, not people's phones or other "
            "devices.",
        ),
        "address_choose": (
            "Chọn địa chỉ trong mạng nội bộ",
            "Choose an address on the local network",
        ),
        "address_tell": ("Hãy báo quản trị viên.", "Tell an administrator."),
    },
)

register_group("admin_controls", {"choose_file": ("Chọn tệp…", "Choose a file…")})

register_group(
    "admin_login",
    {
        "heading": ("Đăng nhập quản trị", "Admin sign-in"),
        "restored": (
            "Đã khôi phục đơn vị từ bản sao lưu. Hãy đăng nhập bằng tài khoản quản trị "
            "có trong bản sao lưu.",
            "The office was restored from the backup. Sign in with an admin account "
            "from the backup.",
        ),
        "restored_setup_gone": (
            "Đã khôi phục đơn vị từ bản sao lưu. Hãy đăng nhập bằng tài khoản quản trị "
            "có trong bản sao lưu; tài khoản tạm dùng khi cài đặt (nếu có) đã được gỡ "
            "bỏ.",
            "The office was restored from the backup. Sign in with an admin account "
            "from the backup; the account used for setting up (if any) was removed.",
        ),
    },
)

register_group(
    "admin_home",
    {
        "heading": ("Chọn đơn vị", "Choose an office"),
        "city": (
            "Toàn thành phố: hàng chờ và số liệu các đơn vị",
            "The whole city: every office's queues and figures",
        ),
        "none": (
            "Chưa có đơn vị nào bạn quản lý.",
            "You do not manage any office yet.",
        ),
    },
)

register_group(
    "admin_forbidden",
    {
        "title": ("Không có quyền", "Not allowed"),
        "heading": ("Không có quyền truy cập", "No access"),
        "text": (
            "Tài khoản của bạn không có quyền xem trang này. Trang quản trị dành cho "
            "quản trị viên và lãnh đạo của đơn vị. Nếu cần, hãy nhờ quản trị viên cấp "
            "quyền.",
            "Your account may not see this page. The admin pages are for the office's "
            "administrators and managers. If you need them, ask an administrator for "
            "access.",
        ),
        "other_account": (
            "Đăng nhập bằng tài khoản khác",
            "Sign in with another account",
        ),
    },
)

register_group(
    "admin_office",
    {
        "no_fields": ("Đơn vị chưa có lĩnh vực nào.", "The office has no fields yet."),
        "continue_setup": ("Tiếp tục cài đặt", "Continue setting up"),
        "issued": ("đã cấp hôm nay", "issued today"),
        "served": ("đã phục vụ", "served"),
        "waiting": ("đang chờ", "waiting"),
        "median_wait": ("chờ trung vị", "median wait"),
        "counters_now": ("Quầy lúc này", "Counters now"),
        "serving": ("Đang phục vụ", "Serving"),
        "paused": ("Tạm dừng", "Paused"),
        "staffed": ("Có cán bộ làm việc", "A clerk at work"),
        "unstaffed": ("Chưa có cán bộ", "No clerk yet"),
        "addresses": ("Địa chỉ", "Addresses"),
        "console": ("Màn hình quầy cho cán bộ:", "Counter console for staff:"),
        "devices": (
            "Ki-ốt, màn hình chờ, thiết bị đánh giá: tạo ở trang {page}",
            "Kiosks, waiting room boards, rating tablets: create them on the {page} "
            "page",
        ),
    },
)

register_group(
    "admin_counters",
    {
        "title": ("Quầy", "Counters"),
        "saved": ("Đã lưu quầy số {number}.", "Counter {number} saved."),
        "intro": (
            "Đánh dấu các lĩnh vực mỗi quầy phục vụ: quầy chỉ gọi số của các lĩnh vực "
            "đó (và số được chuyển đến quầy).",
            "Tick the fields each counter serves: a counter calls only those fields' "
            "numbers (and numbers transferred to it).",
        ),
        "number": ("Số quầy", "Counter number"),
        "add": ("Thêm quầy", "Add counter"),
    },
)

register_group(
    "admin_staff",
    {
        "title": ("Cán bộ", "Staff"),
        "heading": ("Cán bộ và vai trò", "Staff and roles"),
        "need_admin": (
            "Đơn vị luôn cần ít nhất một người có vai trò Quản trị đang hoạt động.",
            "The office always needs at least one active person with the Admin role.",
        ),
        "counters": ("Quầy", "Counters"),
        "active": ("Đang hoạt động", "Active"),
        "new_password": ("Mật khẩu mới", "New password"),
        "confirm_remove": ("Xóa {name} khỏi đơn vị?", "Remove {name} from the office?"),
        "remove": ("Xóa {name} khỏi đơn vị", "Remove {name} from the office"),
        "add": ("Thêm cán bộ", "Add staff"),
    },
)

register_group(
    "admin_fields",
    {
        "title": ("Lĩnh vực", "Fields"),
        "name_en": ("Tiếng Anh", "In English"),
        "issuing": ("Đang cấp số", "Issuing numbers"),
        "add_heading": ("Thêm", "Add"),
        "add": ("Thêm lĩnh vực", "Add field"),
        "free_range": (
            "Dãy số còn trống tiếp theo: {start}-{end}. Mỗi lĩnh vực cần một dãy "
            "riêng, không trùng lĩnh vực khác, để không có hai người cùng một số.",
            "Next free number range: {start}-{end}. Each field needs its own range, "
            "apart from every other field's, so no two people get the same number.",
        ),
        "no_free_range": (
            "Không còn dãy số trống: hãy thu hẹp dãy của một lĩnh vực trước khi thêm.",
            "No number range is free: narrow a field's range before adding one.",
        ),
    },
)

register_group(
    "admin_devices",
    {
        "title": ("Thiết bị", "Devices"),
        "heading": (
            "Thiết bị: ki-ốt, màn hình chờ, đánh giá, máy in",
            "Devices: kiosks, waiting room boards, rating tablets, printers",
        ),
        "created": ("Đã tạo “{name}”.", "“{name}” created."),
        "open_once": (
            "Mở địa chỉ dưới đây {once} trên thiết bị đó (chép vào trình duyệt của "
            "ki-ốt hoặc TV). Địa chỉ chỉ hiện lần này.",
            "Open the address below {once} on that device (copy it into the kiosk's or "
            "TV's browser). It is shown only this time.",
        ),
        "once": ("một lần", "once"),
        "link": ("Địa chỉ ghép nối thiết bị", "Device pairing address"),
        "open_link": ("Mở địa chỉ này", "Open this address"),
        "new": ("Tạo thiết bị mới (nhận đường dẫn)", "New device (get a link)"),
        "kind": ("Loại thiết bị", "Device kind"),
        "name_example": ("Ki-ốt sảnh", "Lobby kiosk"),
        "rating_counter": (
            "Quầy (cho thiết bị đánh giá)",
            "Counter (for a rating tablet)",
        ),
        "create": ("Tạo thiết bị", "Create device"),
        "pair_heading": (
            "Ghép nối bằng mã trên màn hình",
            "Pair with the code on screen",
        ),
        "pair_same": (
            "Mọi thiết bị ghép nối cùng một cách.",
            "Every device pairs the same way.",
        ),
        "pair_open": (
            "Trên ki-ốt, TV hay máy tính bảng đánh giá, mở địa chỉ {address} (hoặc "
            "quét mã QR bên cạnh); thiết bị hiện một mã 6 chữ số.",
            "On the kiosk, TV or rating tablet, open {address} (or scan the QR code "
            "beside it); the device shows a 6-digit code.",
        ),
        "pair_agent": (
            "Chương trình in ({command}, không cần {token}) cũng in ra một mã như vậy.",
            "The print program ({command}, no {token} needed) prints such a code too.",
        ),
        "pair_enter": ("Nhập mã đó vào đây.", "Enter that code here."),
        "pair_qr": ("Mã QR mở {address}", "QR code opening {address}"),
        "screen_code": ("Mã trên màn hình", "Code on the screen"),
        "pair": ("Ghép nối", "Pair"),
        "check": ("Kiểm tra", "Try it out"),
        "issue_test": ("Cấp số thử", "Issue a test number"),
        "call_test": (
            "Gọi thử (màn hình đọc thông báo)",
            "Test call (the board announces it)",
        ),
        "finish_test": ("Kết thúc số thử", "Finish the test number"),
        "print_test": ("In thử", "Test print"),
        "not_counted": (
            "Số thử không tính vào báo cáo.",
            "Test numbers are not in the reports.",
        ),
        "pages": ("Địa chỉ các trang", "Page addresses"),
        "pair_page": ("Ghép nối thiết bị", "Device pairing"),
        "kiosk_page": ("Ki-ốt lấy số", "Number kiosk"),
        "display_page": ("Màn hình phòng chờ", "Waiting room board"),
        "counter_page": ("Màn hình cán bộ tại quầy", "Counter console"),
        "start_pages": (
            "Trang khởi động (mở trên chính thiết bị, lưu về, đặt làm trang chủ của "
            "trình duyệt)",
            "Start pages (open on the device itself, save, make it the browser's home "
            "page)",
        ),
        "start_kiosk": ("Ki-ốt", "Kiosk"),
        "start_display": ("Màn hình phòng chờ", "Waiting room board"),
        "start_counter": ("Quầy", "Counter"),
        "rating_page": ("Đánh giá – {counter}", "Rating – {counter}"),
        "book_page": ("Đặt lịch từ nhà", "Booking from home"),
        "pair_once": (
            "Ki-ốt, màn hình chờ và thiết bị đánh giá cần ghép nối một lần (mã ở "
            "trên); sau đó chỉ cần mở địa chỉ của chúng.",
            "Kiosks, waiting room boards and rating tablets are paired once (code "
            "above); after that, just open their address.",
        ),
        "listed": ("Thiết bị đã có", "Devices in use"),
        "kind_column": ("Loại", "Kind"),
        "created_at": ("Tạo lúc", "Created"),
        "last_seen": ("Lần cuối thấy", "Last seen"),
        "never_seen": ("chưa kết nối", "not connected yet"),
        "revoked": ("Đã thu hồi", "Revoked"),
        "in_use": ("Đang dùng", "In use"),
        "confirm_revoke": (
            "Thu hồi thiết bị này? Thiết bị sẽ ngừng hoạt động ngay.",
            "Revoke this device? It stops working at once.",
        ),
        "revoke": ("Thu hồi {name}", "Revoke {name}"),
        "none": ("Chưa có thiết bị.", "No devices yet."),
        "printers": ("Máy in của ki-ốt", "Kiosk printers"),
        "printer_hint": (
            "Máy in mạng thường dùng cổng 9100. Khổ giấy 58 mm là 384 điểm, 80 mm là "
            "512 hoặc 576 điểm.",
            "Network printers usually listen on port 9100. 58 mm paper is 384 dots "
            "wide, 80 mm is 512 or 576 dots.",
        ),
        "printer_now": ("Máy in hiện tại:", "Printer now:"),
        "printer_width": (", khổ {width} điểm", ", {width} dots wide"),
        "no_printer": ("chưa có", "none yet"),
        "printer_status": ("Trạng thái máy in lần cuối:", "Printer's last status:"),
        "no_status": ("chưa có thông tin", "nothing known yet"),
        "printer_device": (
            "Thiết bị (cổng COM hoặc số chương trình in)",
            "Device (COM port or print program number)",
        ),
        "printer_cups": ("Tên máy in CUPS", "CUPS printer name"),
        "width_default": ("Mặc định", "Default"),
        "width_option": ("{mm} mm ({dots} điểm)", "{mm} mm ({dots} dots)"),
        "save_printer": ("Lưu máy in của {name}", "Save the printer of {name}"),
        "test_page": ("In trang thử", "Print a test page"),
        "jobs": ("Lệnh in gần đây", "Recent print jobs"),
        "job_ticket": ("phiếu", "ticket"),
        "job_test": ("trang thử", "test page"),
        "job_queued": ("đang chờ in", "waiting to print"),
        "job_sending": ("đang in", "printing"),
        "job_printed": ("đã in", "printed"),
        "job_failed": ("lỗi", "failed"),
        "job_paper_out": ("hết giấy", "out of paper"),
        "finish": ("Hoàn tất cài đặt", "Finish setting up"),
    },
)

register_group(
    "admin_setup_account",
    {
        "title": ("Cài đặt lần đầu", "First setup"),
        "heading": (
            "Chào mừng! Cài đặt hệ thống xếp hàng",
            "Welcome! Set up the queue system",
        ),
        "intro": (
            "Vài bước ngắn để Trung tâm bắt đầu cấp số. Có thể sửa mọi thứ sau này.",
            "A few short steps and the centre starts giving numbers. Everything can be "
            "changed later.",
        ),
        "have_backup": ("Đã có bản sao lưu?", "Have a backup?"),
        "restore_intro": (
            "Nếu đơn vị đã dùng hệ thống trên máy khác, khôi phục tệp sao lưu thay vì "
            "cài đặt từ đầu: lĩnh vực, quầy, cán bộ, thiết bị và số liệu đều trở lại, "
            "đăng nhập bằng tài khoản cũ.",
            "If the office used the system on another machine, restore its backup file "
            "instead of starting afresh: fields, counters, staff, devices and figures "
            "all come back, and the old accounts sign in.",
        ),
        "backup_file": ("Tệp sao lưu (.json)", "Backup file (.json)"),
        "restore": ("Khôi phục từ bản sao lưu", "Restore from the backup"),
        "or_new": ("Hoặc cài đặt mới", "Or set up afresh"),
        "office_step": ("1. Đơn vị", "1. Office"),
        "office_name": ("Tên đơn vị", "Office name"),
        "office_name_start": (
            "Trung tâm Phục vụ hành chính công phường ",
            "Public Administrative Service Centre of ward ",
        ),
        "slug": (
            "Mã đơn vị (tự tạo từ tên; chữ thường không dấu, số, gạch ngang; dùng "
            "trong địa chỉ)",
            "Office code (made from the name; lower-case letters without accents, "
            "digits, dashes; used in addresses)",
        ),
        "hours": (
            "Giờ làm việc (ví dụ 07:30-11:30,13:30-17:00; để trống nếu nghỉ)",
            "Opening hours (for example 07:30-11:30,13:30-17:00; empty if closed)",
        ),
        "mon_fri": ("Thứ Hai – Thứ Sáu", "Monday – Friday"),
        "sat": ("Sáng thứ Bảy", "Saturday morning"),
        "sun": ("Chủ nhật", "Sunday"),
        "account_step": ("2. Tài khoản quản trị", "2. Admin account"),
        "password": ("Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)"),
        "password_again": ("Nhập lại mật khẩu", "Password again"),
        "create": ("Tạo đơn vị và tiếp tục", "Create the office and go on"),
    },
)

register_group(
    "admin_setup_fields",
    {
        "heading": ("Lĩnh vực tiếp nhận", "Fields the office receives"),
        "intro": (
            "Danh sách lĩnh vực thường có ở cấp xã, phường. Bỏ chọn lĩnh vực không có, "
            "sửa tên hoặc dãy số nếu cần.",
            "The fields a commune or ward usually has. Untick those the office does "
            "not have; change names or number ranges if needed.",
        ),
        "intro_ranges": (
            "Mỗi lĩnh vực cần một dãy số riêng, không trùng lĩnh vực khác; để trống "
            "dãy số của lĩnh vực thêm thì hệ thống chọn dãy còn trống.",
            "Each field needs its own number range, apart from every other field's; "
            "leave an added field's range empty and a free one is chosen.",
        ),
        "name_vi": ("Tên tiếng Việt", "Vietnamese name"),
        "name_en": ("Tên tiếng Anh", "English name"),
        "range_to": ("Đến", "To"),
        "daily_cap": ("Tối đa mỗi ngày", "Max per day"),
        "use": ("Dùng lĩnh vực {name}", "Use the field {name}"),
        "use_added": ("Dùng lĩnh vực thêm {n}", "Use added field {n}"),
        "automatic": ("tự chọn", "automatic"),
        "save": ("Lưu lĩnh vực và tiếp tục", "Save the fields and go on"),
    },
)

register_group(
    "admin_setup_counters",
    {
        "heading": (
            "Quầy và lĩnh vực từng quầy phục vụ",
            "Counters and the fields each one serves",
        ),
        "intro": (
            "Chọn các quầy đang có; mỗi quầy chỉ gọi số của lĩnh vực được đánh dấu.",
            "Choose the counters the office has; each calls only the numbers of the "
            "fields ticked.",
        ),
        "shown_name": ("Tên hiển thị", "Name shown"),
        "fields": ("Lĩnh vực", "Fields"),
        "use": ("Dùng quầy {n}", "Use counter {n}"),
        "default_name": ("Quầy {n}", "Counter {n}"),
        "name": ("Tên quầy {n}", "Name of counter {n}"),
        "save": ("Lưu quầy và tiếp tục", "Save the counters and go on"),
    },
)

register_group(
    "admin_setup_staff",
    {
        "heading": ("Tài khoản cán bộ", "Staff accounts"),
        "intro": (
            "Mỗi cán bộ đăng nhập ở màn hình quầy bằng tài khoản riêng. Có thể bỏ qua "
            "và thêm sau.",
            "Each clerk signs in at the counter console with their own account. You "
            "can skip this and add them later.",
        ),
        "already": ("Đã có: {names}", "Already there: {names}"),
        "password": ("Mật khẩu (≥ 8 ký tự)", "Password (≥ 8 characters)"),
        "counters": (
            "Quầy được làm (trống = mọi quầy)",
            "Counters they may work at (empty = all)",
        ),
        "counters_short": ("Quầy được làm", "Counters"),
        "row_error": ("Dòng {n}: {error}", "Row {n}: {error}"),
        "save": ("Lưu cán bộ và tiếp tục", "Save the staff and go on"),
    },
)
