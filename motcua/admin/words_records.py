"""Words of the admin pages for settings, records and reports, Vietnamese first.

Each page's template reads its group with word("admin_<page>.<key>"): settings,
booking, voice, procedures, dossiers, reports, the daily report, the log, backup,
health, the city view, the address and a ticket's story.
"""

from __future__ import annotations

from motcua.i18n import register_group

register_group(
    "admin_settings",
    {
        "title": ("Cài đặt", "Settings"),
        "heading": ("Cài đặt đơn vị", "Office settings"),
        "saved": ("Đã lưu.", "Saved."),
        "from_to": ("Từ {low} đến {high}.", "From {low} to {high}."),
        "office_name": ("Tên đơn vị", "Office name"),
        "hours": ("Giờ làm việc", "Opening hours"),
        "mon_fri": ("Thứ Hai – Thứ Sáu", "Monday – Friday"),
        "sat": ("Thứ Bảy", "Saturday"),
        "sun": ("Chủ nhật", "Sunday"),
        "hours_help": (
            "Dạng 07:30-11:30,13:30-17:00; để trống là ngày nghỉ.",
            "Like 07:30-11:30,13:30-17:00; empty means closed that day.",
        ),
        "language": (
            "Ngôn ngữ thông báo trên màn hình cán bộ",
            "Language of the staff screens",
        ),
        "language_vi": ("Tiếng Việt", "Vietnamese"),
        "language_en": ("Tiếng Anh", "English"),
        "language_help": (
            "Không phụ thuộc ngôn ngữ của trình duyệt.",
            "Whatever the browser's language.",
        ),
        "issue_only_in_hours": (
            "Ki-ốt chỉ cấp số trong giờ làm việc",
            "Kiosks give numbers only in opening hours",
        ),
        "issue_only_in_hours_help": (
            "Cán bộ vẫn cấp được số ngoài giờ.",
            "Staff can still give numbers outside them.",
        ),
        "call_order": ("Thứ tự gọi số", "Calling order"),
        "priority_policy": ("Cách gọi số ưu tiên", "How priority numbers are called"),
        "policy_strict": ("Luôn gọi số ưu tiên trước", "Always call priority first"),
        "policy_ratio": (
            "Xen kẽ: 1 ưu tiên sau N số thường",
            "In turn: 1 priority after N ordinary numbers",
        ),
        "priority_policy_help": (
            "“Xen kẽ” để người không ưu tiên không phải chờ quá lâu.",
            "“In turn” keeps people without priority from waiting too long.",
        ),
        "priority_ratio": (
            "N (số thường giữa hai số ưu tiên)",
            "N (ordinary numbers between two priority numbers)",
        ),
        "priority_ratio_help": (
            "Chỉ dùng khi chọn “Xen kẽ”.",
            "Used only with “In turn”.",
        ),
        "booked_every": (
            "Người hẹn trước: gọi 1 người hẹn trong mỗi N lượt gọi",
            "Booked people: call 1 booked person in every N calls",
        ),
        "booked_every_help": (
            "Khi có cả người hẹn trước và người lấy số tại chỗ đang chờ; 1 là gọi "
            "người hẹn trước mỗi lượt.",
            "When both booked people and walk-ins are waiting; 1 calls a booked person "
            "every time.",
        ),
        "per_person_daily_cap": (
            "Mỗi người tối đa bao nhiêu số một ngày",
            "Most numbers one person may take a day",
        ),
        "per_person_daily_cap_help": (
            "Để trống là không giới hạn; chỉ tính khi công dân quét căn cước hoặc nhập "
            "số điện thoại.",
            "Empty means no limit; counted only when a citizen scans an ID card or "
            "enters a phone number.",
        ),
        "no_show_grace": (
            "Thời gian cho phép quay lại sau khi vắng mặt (phút)",
            "Time allowed to come back after a no-show (minutes)",
        ),
        "no_show_grace_help": (
            "Công dân bị gọi vắng mặt vẫn được phục vụ lại nếu đến trong thời gian "
            "này.",
            "A citizen marked absent is still served on coming back within this time.",
        ),
        "counter_idle": (
            "Quầy coi như không có cán bộ khi có người chờ mà quá bao nhiêu phút không "
            "thao tác (phút)",
            "A counter counts as unstaffed when people wait and nothing is done there "
            "for (minutes)",
        ),
        "counter_idle_help": (
            "Quầy đó không còn được tính khi ước lượng thời gian chờ.",
            "That counter is then left out of the wait estimates.",
        ),
        "classes_caption": (
            "Đối tượng ưu tiên: mức cao hơn được gọi trước; “Không cấp” thôi cấp số ưu "
            "tiên mới cho đối tượng đó. Thay đổi áp dụng cho số cấp sau khi lưu, số đã "
            "cấp giữ mức cũ.",
            "Priority groups: a higher level is called first; “Not given” stops new "
            "priority numbers for that group. Changes apply to numbers given after "
            "saving; numbers already given keep their level.",
        ),
        "class": ("Đối tượng", "Group"),
        "rank": ("Mức ưu tiên", "Priority level"),
        "rank_none": ("Không cấp", "Not given"),
        "rank_help": ("Mức từ 1 đến {top}.", "Levels from 1 to {top}."),
        "self_priority": (
            "Công dân tự chọn đối tượng ưu tiên trên ki-ốt, không cần cán bộ xác nhận",
            "Citizens choose their priority group on the kiosk, with no check by staff",
        ),
        "self_priority_help": (
            "Khi bỏ chọn, cán bộ xác nhận trên màn hình quầy hoặc người hướng dẫn nhập "
            "mã PIN.",
            "When unticked, a clerk confirms on the counter screen or the usher enters "
            "the PIN.",
        ),
        "pin": ("Mã PIN của người hướng dẫn ({state})", "Usher's PIN ({state})"),
        "pin_set": ("đang dùng", "in use"),
        "pin_unset": ("chưa đặt", "not set"),
        "pin_off": ("Bỏ mã PIN", "Remove the PIN"),
        "pin_help": (
            "4 đến 12 chữ số; người hướng dẫn nhập trên ki-ốt để cấp số ưu tiên. Để "
            "trống là giữ mã cũ. Ki-ốt khóa 15 phút sau 5 lần nhập sai.",
            "4 to 12 digits; the usher enters it on the kiosk to give a priority "
            "number. Empty keeps the current PIN. The kiosk locks for 15 minutes after "
            "5 wrong tries.",
        ),
        "announcement": ("Thông báo gọi số", "Spoken call"),
        "announcement_template": ("Mẫu câu", "Wording"),
        "announcement_help": (
            "{number} là số thứ tự, {counter} là số quầy.",
            "{number} is the ticket number, {counter} the counter number.",
        ),
        "number_reading": ("Cách đọc số", "How numbers are read"),
        "reading_north": ("Miền Bắc (nghìn, linh)", "Northern Vietnamese"),
        "reading_south": ("Miền Nam (ngàn, lẻ)", "Southern Vietnamese"),
        "number_reading_help": (
            "Giọng đọc trên màn hình phòng chờ.",
            "The voice on the lobby boards.",
        ),
        "kiosk": ("Ki-ốt", "Kiosk"),
        "kiosk_welcome": ("Lời chào trên màn hình đầu", "Greeting on the first screen"),
        "kiosk_notice": (
            "Thông báo về dữ liệu cá nhân, hiện trên ki-ốt",
            "Notice about personal data, shown on the kiosk",
        ),
        "kiosk_texts_help": (
            "Mỗi dòng tối đa 500 ký tự; để trống là dùng lời mặc định.",
            "At most 500 characters each; empty uses the default words.",
        ),
        "kiosk_idle": (
            "Màn hình phiếu tự về trang đầu sau (giây)",
            "The ticket screen returns to the start after (seconds)",
        ),
        "kiosk_idle_help": (
            "Sau khi công dân lấy số; thông báo lỗi cũng tự xóa sau thời gian này.",
            "After a citizen takes a number; error notes also clear after this time.",
        ),
        "kiosk_read_idle": (
            "Màn hình đọc (hướng dẫn, tra cứu, trợ lý) chờ không chạm bao lâu (giây)",
            "How long the reading screens (guide, look-up, assistant) wait untouched "
            "(seconds)",
        ),
        "kiosk_read_idle_help": (
            "Nên để 60 đến 90 giây cho người cao tuổi đọc kịp.",
            "60 to 90 seconds gives older people time to read.",
        ),
        "kiosk_warn": (
            "Hỏi “Bạn cần thêm thời gian?” trước khi về trang đầu (giây)",
            "Ask “Need more time?” before returning to the start (seconds)",
        ),
        "kiosk_warn_help": (
            "Đếm ngược trong những giây cuối của thời gian chờ; phải ngắn hơn thời "
            "gian chờ ở màn hình đọc.",
            "A countdown in the last seconds of the wait; it must be shorter than the "
            "reading screens' wait.",
        ),
        "kiosk_cccd": (
            "Cho công dân quét mã QR trên căn cước khi lấy số",
            "Let citizens scan the QR code on their ID card when taking a number",
        ),
        "kiosk_cccd_help": (
            "Chỉ khi công dân đồng ý; số định danh được mã hóa và xóa theo mục “Dữ "
            "liệu cá nhân”.",
            "Only if the citizen agrees; the ID number is encrypted and removed as set "
            "under “Personal data”.",
        ),
        "ticket": ("Phiếu in", "Printed ticket"),
        "ticket_footer": ("Dòng cuối phiếu", "Last line of the ticket"),
        "ticket_footer_help": (
            "Một dòng, tối đa 120 ký tự (ví dụ số đường dây nóng); để trống là không "
            "in.",
            "One line, at most 120 characters (a hotline number, say); empty prints "
            "nothing.",
        ),
        "ticket_logo": ("Logo trên phiếu (PNG)", "Logo on the ticket (PNG)"),
        "ticket_logo_remove": ("Bỏ logo đang dùng", "Remove the current logo"),
        "ticket_logo_help": (
            "Tệp PNG đen trắng, tối đa 200 KB, in ở đầu phiếu; {state}.",
            "A black and white PNG file, at most 200 KB, printed at the top of the "
            "ticket; {state}.",
        ),
        "logo_set": ("đang có logo", "a logo is set"),
        "logo_unset": ("chưa có logo", "no logo yet"),
        "board": ("Màn hình phòng chờ", "Lobby boards"),
        "ticker": ("Dòng tin chạy cuối màn hình", "Text running along the bottom"),
        "ticker_help": (
            "Tối đa 300 ký tự; để trống là không hiện.",
            "At most 300 characters; empty shows nothing.",
        ),
        "daily_report": ("Báo cáo ngày", "Daily report"),
        "report_time": ("Giờ lập báo cáo", "Time the report is made"),
        "report_time_help": ("Dạng HH:MM, ví dụ 15:30.", "As HH:MM, e.g. 15:30."),
        "report_push_url": (
            "Địa chỉ nhận báo cáo của thành phố",
            "The city's address for reports",
        ),
        "report_push_url_help": (
            "Bắt đầu bằng http:// hoặc https://; để trống là không gửi.",
            "Starts with http:// or https://; empty sends nothing.",
        ),
        "personal_data": ("Dữ liệu cá nhân", "Personal data"),
        "personal_data_days": (
            "Giữ số điện thoại, số định danh (đã mã hóa) bao nhiêu ngày",
            "Days to keep phone and ID numbers (encrypted)",
        ),
        "personal_data_days_help": (
            "Quá hạn thì hệ thống tự xóa mỗi ngày.",
            "Past that, the system removes them every day.",
        ),
        "save": ("Lưu cài đặt", "Save settings"),
        "elsewhere": ("Cài đặt trên trang riêng", "Settings on their own pages"),
        "public_url": (
            "Địa chỉ máy chủ cho điện thoại và thiết bị",
            "The server's address for phones and devices",
        ),
        "public_url_help": (
            "Địa chỉ in trong mã QR trên phiếu.",
            "The address in the QR code on tickets.",
        ),
        "dossier_source": ("Nguồn tra cứu hồ sơ", "Where dossiers are looked up"),
        "dossier_source_help": (
            "Bảng của phường hoặc hệ thống một cửa điện tử của tỉnh.",
            "The ward's table or the province's online one-stop system.",
        ),
        "booking": ("Hẹn trước qua mạng", "Online booking"),
        "booking_help": (
            "Khung giờ, số chỗ, lĩnh vực được hẹn.",
            "Slots, places and the fields that take bookings.",
        ),
        "notify": ("Tin nhắn báo cho công dân", "Messages to citizens"),
        "notify_help": (
            "Kênh gửi tin và nội dung tin nhắn.",
            "How messages are sent and what they say.",
        ),
        "purge_note": (
            "Hệ thống tự xóa dữ liệu cá nhân quá hạn mỗi ngày. Có thể xóa ngay:",
            "The system removes personal data past its keeping time every day. To "
            "remove it now:",
        ),
        "purge": (
            "Xóa dữ liệu cá nhân quá hạn ngay",
            "Remove expired personal data now",
        ),
    },
)

register_group(
    "admin_booking_settings",
    {
        "title": ("Đặt lịch và tin nhắn", "Booking and messages"),
        "heading": ("Đặt lịch trực tuyến và tin nhắn", "Online booking and messages"),
        "book_page": ("Trang đặt lịch cho công dân:", "The citizens' booking page:"),
        "bookings_page": (
            "Danh sách lịch hẹn hôm nay cho cán bộ:",
            "Today's appointments for staff:",
        ),
        "saved": ("Đã lưu.", "Saved."),
        "no_channel": (
            "Chưa bật kênh tin nhắn nào: người đặt bằng số điện thoại sẽ không nhận "
            "được mã xác nhận. Hãy bật SMS hoặc Zalo bên dưới, hoặc chỉ nhận đặt bằng "
            "số căn cước.",
            "No message channel is on: people booking with a phone number will get no "
            "confirmation code. Turn on SMS or Zalo below, or take bookings by ID card "
            "number only.",
        ),
        "booking": ("Đặt lịch", "Booking"),
        "enabled": ("Nhận đặt lịch trực tuyến", "Take bookings online"),
        "identity": ("Cách xác nhận người đặt", "How a booker is confirmed"),
        "identity_phone": (
            "Số điện thoại (nhận mã xác nhận qua tin nhắn)",
            "Phone number (a confirmation code by message)",
        ),
        "identity_id_card": ("Số căn cước và họ tên", "ID card number and full name"),
        "identity_either": ("Một trong hai cách", "Either way"),
        "open": (
            "Giờ nhận đặt lịch trên trang web (ví dụ 06:00-21:00)",
            "Hours the web page takes bookings (e.g. 06:00-21:00)",
        ),
        "same_hours": (
            "Khung giờ hẹn giống giờ làm việc của đơn vị",
            "Appointment hours are the office's opening hours",
        ),
        "own_hours": (
            "Nếu không, các khung giờ hẹn (ví dụ 07:30-11:30,13:30-17:00; trống = "
            "không hẹn ngày đó):",
            "If not, the appointment hours (e.g. 07:30-11:30,13:30-17:00; empty = no "
            "appointments that day):",
        ),
        "days_ahead": ("Cho đặt trước tối đa (ngày)", "Longest booking ahead (days)"),
        "slot_minutes": (
            "Độ dài mỗi khung giờ hẹn (phút)",
            "Length of each appointment slot (minutes)",
        ),
        "field": ("Lĩnh vực", "Field"),
        "capacity_column": (
            "Số chỗ mỗi khung giờ (trống = như dòng đầu)",
            "Places in each slot (empty = as the first row)",
        ),
        "daily_cap_column": (
            "Số lượt đặt tối đa mỗi ngày (trống = không giới hạn)",
            "Most bookings a day (empty = no limit)",
        ),
        "every_field": ("Mặc định cho mọi lĩnh vực", "Default for every field"),
        "capacity_default": (
            "Số chỗ mỗi khung giờ, mặc định",
            "Places in each slot, default",
        ),
        "capacity_of": (
            "Số chỗ mỗi khung giờ, {field}",
            "Places in each slot, {field}",
        ),
        "daily_cap_of": ("Số lượt đặt mỗi ngày, {field}", "Bookings a day, {field}"),
        "per_person_daily": (
            "Mỗi người được lấy bao nhiêu số một ngày (kể cả số lấy tại ki-ốt)",
            "Numbers one person may take a day (kiosk numbers included)",
        ),
        "active_per_person": (
            "Mỗi người giữ tối đa bao nhiêu lịch hẹn cùng lúc",
            "Appointments one person may hold at once",
        ),
        "grace_before": (
            "Được đến sớm trước giờ hẹn (phút)",
            "May come before the appointment (minutes)",
        ),
        "grace_after": (
            "Được đến muộn sau giờ hẹn (phút)",
            "May come after the appointment (minutes)",
        ),
        "codes": ("Mã xác nhận (nâng cao)", "Confirmation codes (advanced)"),
        "otp_ttl": ("Mã có hiệu lực (giây)", "A code is valid for (seconds)"),
        "otp_attempts": ("Số lần được nhập sai mã", "Wrong code entries allowed"),
        "otp_resend": (
            "Chờ trước khi gửi lại mã (giây)",
            "Wait before sending the code again (seconds)",
        ),
        "otp_max_sends": (
            "Số lần gửi mã cho một lượt đặt",
            "Codes sent for one booking",
        ),
        "codes_per_hour": (
            "Số lượt chưa xác nhận của một số điện thoại trong một giờ",
            "Unconfirmed bookings of one phone number in an hour",
        ),
        "messages": ("Tin nhắn cho công dân", "Messages to citizens"),
        "messages_note": (
            "Công dân nhận tin khi đồng ý lúc đặt lịch; mã xác nhận luôn được gửi. Tắt "
            "một kênh sẽ xóa địa chỉ cổng và khóa của kênh đó.",
            "Citizens get messages if they agree when booking; confirmation codes are "
            "always sent. Turning a channel off removes its gateway address and key.",
        ),
        "near_ahead": (
            "Báo “sắp đến lượt” khi còn bao nhiêu người phía trước",
            "Say “turn coming up” when this many people are ahead",
        ),
        "send_by": ("Gửi tin qua {channel}", "Send by {channel}"),
        "gateway_url": (
            "Địa chỉ cổng (http:// hoặc https://)",
            "Gateway address (http:// or https://)",
        ),
        "token": ("Khóa truy cập", "Access key"),
        "token_set": (
            "(đã đặt; để trống để giữ nguyên)",
            "(set; leave empty to keep it)",
        ),
        "token_unset": ("(chưa đặt)", "(not set)"),
        "token_clear": ("Xóa khóa", "Remove the key"),
        "sms_note": (
            "Mẫu tin (nên viết không dấu để vừa một tin nhắn). Chỉ dùng các chỗ điền "
            "ghi bên cạnh; để trống để dùng mẫu có sẵn.",
            "Message templates (best without accents, to fit one message). Use only "
            "the places listed beside; leave empty for the built-in text.",
        ),
        "sms_places": (
            "Chỗ điền: {office} tên đơn vị, {code} mã, {minutes} số phút, {service} "
            "lĩnh vực, {slot} giờ hẹn, {number} số thứ tự, {ahead} số người phía "
            "trước, {counter} quầy, {link} đường dẫn xem lịch hoặc số.",
            "Places: {office} office name, {code} code, {minutes} minutes, {service} "
            "field, {slot} appointment time, {number} ticket number, {ahead} people "
            "ahead, {counter} counter, {link} link to the appointment or number.",
        ),
        "zalo_note": (
            "Mã mẫu tin đã đăng ký với Zalo cho từng loại tin; để trống để dùng tên "
            "loại tin. Dữ liệu gửi kèm gồm các chỗ điền ghi bên cạnh.",
            "The template id registered with Zalo for each kind of message; empty uses "
            "the kind's name. The data sent along holds the places listed beside.",
        ),
        "kind": ("Loại tin", "Kind of message"),
        "template": ("Mẫu tin", "Template"),
        "zalo_template": ("Mã mẫu tin Zalo", "Zalo template id"),
        "places": ("Chỗ điền", "Places"),
        "template_of": ("Mẫu tin {kind}", "Template: {kind}"),
        "zalo_template_of": ("Mã mẫu Zalo {kind}", "Zalo template id: {kind}"),
        "sending": ("Gửi tin (nâng cao)", "Sending (advanced)"),
        "max_attempts": ("Số lần thử gửi một tin", "Tries to send one message"),
        "timeout": (
            "Thời gian chờ cổng tin nhắn trả lời (giây)",
            "Wait for the message gateway to answer (seconds)",
        ),
        "save": ("Lưu cài đặt", "Save settings"),
    },
)

# The voice page's own text; its script's words are the group "admin_voice".
register_group(
    "admin_voice_page",
    {
        "title": ("Giọng đọc", "Voice"),
        "heading": ("Giọng đọc thông báo", "The voice of the calls"),
        "in_use": ("Đang dùng:", "In use:"),
        "own": ("giọng đọc do đơn vị thu âm", "the voice the office recorded"),
        "default": ("giọng đọc mặc định", "the default voice"),
        "record_heading": ("Thu âm giọng của đơn vị", "Record the office's voice"),
        "how_where": (
            "Dùng micrô của máy tính, ở nơi yên tĩnh.",
            "Use the computer's microphone, somewhere quiet.",
        ),
        "how_record": (
            "Lần lượt từng mục: bấm {record}, đọc rõ cụm từ hiện trên màn hình, rồi "
            "bấm {stop}.",
            "One item after another: press {record}, read the words on the screen "
            "clearly, then press {stop}.",
        ),
        "how_retake": (
            "Máy phát lại để anh/chị nghe; chưa ưng thì bấm {retake}.",
            "It plays back for you to hear; if you are not happy, press {retake}.",
        ),
        "how_phrases": (
            "Các cụm dài được thu cả câu để khi gọi số nghe tự nhiên.",
            "Longer phrases are recorded whole so that the calls sound natural.",
        ),
        "how_volume": (
            "Âm lượng các bản thu được máy chủ cân lại cho đều.",
            "The server evens out the recordings' volume.",
        ),
        "record": ("Thu âm", "Record"),
        "stop": ("Dừng", "Stop"),
        "play": ("Nghe lại", "Play back"),
        "retake": ("Thu lại", "Record again"),
        "previous": ("Mục trước", "Previous item"),
        "next": ("Mục tiếp theo", "Next item"),
        "try_heading": ("Nghe thử một lần gọi số", "Hear one call"),
        "number": ("Số thứ tự", "Number"),
        "counter": ("Quầy số", "Counter"),
        "try": ("Nghe thử", "Listen"),
        "use": ("Dùng giọng đọc vừa thu", "Use the recorded voice"),
        "upload_heading": (
            "Hoặc tải lên một gói giọng đọc (ZIP)",
            "Or upload a voice pack (ZIP)",
        ),
        "upload_how": (
            "Tải gói mẫu, thu âm lại từng từ (mỗi tệp .wav là một từ, đặt đúng tên tệp "
            "cũ), nén lại thành tệp ZIP rồi tải lên. Tệp .wav dạng PCM, một kênh hoặc "
            "hai kênh đều được.",
            "Download the sample pack, record each word again (each .wav file is one "
            "word, under its old file name), zip them into one file and upload it. PCM "
            ".wav files, mono or stereo.",
        ),
        "sample": ("Tải gói mẫu (ZIP)", "Download the sample pack (ZIP)"),
        "pack": ("Gói giọng đọc (ZIP)", "Voice pack (ZIP)"),
        "upload": ("Tải lên và dùng", "Upload and use"),
        "reset": ("Dùng lại giọng đọc mặc định", "Go back to the default voice"),
    },
)

register_group(
    "admin_procedures",
    {
        "title": ("Hướng dẫn thủ tục", "Procedure guide"),
        "intro": (
            "Người dân xem các thủ tục này trên máy cấp số: giấy tờ cần mang, lệ phí, "
            "thời gian giải quyết.",
            "People read these procedures on the kiosk: the papers to bring, the fee, "
            "the processing time.",
        ),
        "bad_lines": ("Các dòng lỗi", "Lines with errors"),
        "empty": (
            "Hướng dẫn thủ tục đang trống. Có thể bắt đầu từ danh mục mẫu của phường "
            "(chứng thực, hộ tịch, kinh doanh, bảo trợ xã hội) rồi sửa lại cho đúng "
            "đơn vị.",
            "The guide is empty. You can start from the ward's sample list "
            "(certification, civil status, business, social support) and adjust it to "
            "the office.",
        ),
        "seed": ("Nạp danh mục mẫu của phường", "Load the ward's sample list"),
        "edit": ("Sửa thủ tục", "Edit the procedure"),
        "add": ("Thêm thủ tục", "Add a procedure"),
        "field": ("Lĩnh vực", "Field"),
        "name": ("Tên thủ tục", "Procedure name"),
        "papers_one_a_line": (
            "Giấy tờ cần mang (mỗi dòng một loại giấy tờ)",
            "Papers to bring (one kind of paper a line)",
        ),
        "fee": ("Lệ phí", "Fee"),
        "duration": ("Thời gian giải quyết", "Processing time"),
        "save": ("Lưu thay đổi", "Save changes"),
        "cancel": ("Thôi, không sửa", "Cancel"),
        "delete_confirm": ("Xóa thủ tục “{title}”?", "Remove the procedure “{title}”?"),
        "delete": ("Xóa thủ tục này", "Remove this procedure"),
        "import_how": (
            "Nhập nhiều thủ tục từ tệp CSV, mã UTF-8 (cột: {columns}). Giấy tờ cách "
            "nhau bằng dấu “;” hoặc xuống dòng trong ô. Thủ tục trùng lĩnh vực và tên "
            "với thủ tục đã có thì được cập nhật. Chỉ cần một dòng lỗi là không dòng "
            "nào được nhập.",
            "Import many procedures from a CSV file in UTF-8 (columns: {columns}). "
            "Papers are separated by “;” or a line break within the cell. A procedure "
            "with the same field and name as an existing one updates it. One wrong "
            "line and no line is imported.",
        ),
        "csv_file": ("Tệp CSV", "CSV file"),
        "import": ("Nhập CSV", "Import CSV"),
        "export": ("Tải về tệp CSV", "Download as CSV"),
        "search": ("Tìm thủ tục", "Find a procedure"),
        "search_hint": ("có dấu hoặc không dấu", "with or without accents"),
        "find": ("Tìm", "Find"),
        "all": ("Xem tất cả", "Show all"),
        "count": ("{count} thủ tục", "{count} procedures"),
        "procedure": ("Thủ tục", "Procedure"),
        "papers": ("Giấy tờ", "Papers"),
        "time": ("Thời gian", "Time"),
        "source": ("Nguồn, kiểm tra", "Source, check"),
        "checked": (
            "Đã kiểm tra lệ phí, thời gian",
            "Fee and time checked",
        ),
        "uncheck": ("Cần kiểm tra lại", "Needs checking again"),
        "to_check": (
            "Phường cần kiểm tra lệ phí, thời gian theo quy định hiện hành",
            "The ward must check the fee and time against the current rules",
        ),
        "check": ("Đã kiểm tra", "Checked"),
        "edit_link": ("Sửa", "Edit"),
        "none": ("Chưa có thủ tục nào.", "No procedures yet."),
        "not_found": (
            "Không tìm thấy thủ tục nào khớp với “{query}”.",
            "No procedure matches “{query}”.",
        ),
        "no_fields": ("Đơn vị chưa có lĩnh vực nào.", "The office has no fields yet."),
    },
)

register_group(
    "admin_dossiers",
    {
        "title": ("Hồ sơ", "Dossiers"),
        "heading": ("Trạng thái hồ sơ", "Dossier statuses"),
        "source": ("Nguồn trạng thái hồ sơ", "Where statuses come from"),
        "source_how": (
            "Ki-ốt tra cứu mã hồ sơ ở đây. Dùng bảng của hệ thống (cán bộ nhập ở quầy "
            "hoặc ở trang này), hoặc hỏi thẳng hệ thống một cửa điện tử của đơn vị qua "
            "HTTP.",
            "Kiosks look dossier codes up here. Use the system's own table (staff "
            "enter statuses at the counter or on this page), or ask the office's "
            "online one-stop system directly over HTTP.",
        ),
        "kind_table": ("Bảng hồ sơ của hệ thống này", "This system's dossier table"),
        "kind_http": ("Hệ thống hồ sơ khác (HTTP)", "Another dossier system (HTTP)"),
        "url": (
            "Địa chỉ (có {code} thay cho mã hồ sơ)",
            "Address (with {code} where the dossier code goes)",
        ),
        "token": ("Mã truy cập (nếu có)", "Access token (if any)"),
        "timeout": ("Chờ tối đa (giây)", "Longest wait (seconds)"),
        "save_source": ("Lưu nguồn hồ sơ", "Save the source"),
        "test_code": ("Mã hồ sơ để thử", "Dossier code to try"),
        "test": ("Thử kết nối", "Try the connection"),
        "code": ("Mã hồ sơ", "Dossier code"),
        "status": ("Trạng thái", "Status"),
        "procedure": ("Thủ tục", "Procedure"),
        "due": ("Hẹn trả", "Due"),
        "note": ("Ghi chú", "Note"),
        "save": ("Lưu hồ sơ", "Save the dossier"),
        "import_how": (
            "Nhập nhiều hồ sơ từ tệp CSV (cột: code,status,procedure,note,due_date).",
            "Import many dossiers from a CSV file (columns: "
            "code,status,procedure,note,due_date).",
        ),
        "csv_file": ("Tệp CSV", "CSV file"),
        "import": ("Nhập CSV", "Import CSV"),
        "code_column": ("Mã", "Code"),
    },
)

# The report page: the median is "trung vị", the 90th percentile "9/10 người ... không
# quá", as a ward leader reads them.
register_group(
    "admin_reports",
    {
        "title": ("Báo cáo", "Reports"),
        "heading": ("Báo cáo {office}", "Report: {office}"),
        "not_by_hour": ("không tính theo giờ", "not counted by the hour"),
        "name": ("Tên", "Name"),
        "issued_column": ("Số đã cấp", "Numbers issued"),
        "called_column": ("Số người đã gọi", "People called"),
        "served_column": ("Đã phục vụ xong", "Served"),
        "no_show_column": ("Vắng mặt", "Did not come"),
        "cancelled_column": ("Đã hủy", "Cancelled"),
        "wait_p50": ("Thời gian chờ (trung vị)", "Wait (median)"),
        "wait_p90": ("9/10 người chờ không quá", "9 in 10 waited at most"),
        "service_p50": ("Thời gian phục vụ (trung vị)", "Service time (median)"),
        "service_p90": ("9/10 lượt phục vụ không quá", "9 in 10 served within"),
        "ratings": ("Lượt đánh giá", "Ratings"),
        "average": ("Điểm trung bình", "Average score"),
        "satisfied": ("Tỷ lệ hài lòng", "Share satisfied"),
        "no_figures": ("Không có số liệu.", "No figures."),
        "day": ("Ngày {day}", "Day {day}"),
        "days": ("Từ {first} đến {last}", "From {first} to {last}"),
        "from": ("Từ ngày", "From"),
        "to": ("Đến ngày", "To"),
        "show": ("Xem báo cáo", "Show the report"),
        "last_week": ("7 ngày gần nhất", "Last 7 days"),
        "csv": ("Tải CSV", "Download CSV"),
        "xlsx": ("Tải Excel (XLSX)", "Download Excel (XLSX)"),
        "issued": ("số đã cấp", "numbers issued"),
        "served": ("đã phục vụ", "served"),
        "no_show": ("vắng mặt", "did not come"),
        "cancelled": ("đã hủy", "cancelled"),
        "wait": ("thời gian chờ (trung vị)", "wait (median)"),
        "wait_most": (
            "9/10 người chờ không quá {time}",
            "9 in 10 waited at most {time}",
        ),
        "service": ("thời gian phục vụ (trung vị)", "service time (median)"),
        "service_most": (
            "9/10 lượt phục vụ không quá {time}",
            "9 in 10 served within {time}",
        ),
        "average_of": (
            "điểm đánh giá trung bình ({count} lượt)",
            "average rating ({count} ratings)",
        ),
        "satisfied_share": ("hài lòng (4-5 điểm)", "satisfied (4-5)"),
        "not_dissatisfied": (
            "{share} không chọn “không hài lòng”",
            "{share} did not choose “unsatisfied”",
        ),
        "chart_hour": ("Số đã cấp theo giờ", "Numbers issued by hour"),
        "chart_service": ("Số đã cấp theo lĩnh vực", "Numbers issued by field"),
        "by_service": ("Theo lĩnh vực", "By field"),
        "code": ("Mã", "Code"),
        "by_counter": ("Theo quầy", "By counter"),
        "counter": ("Quầy", "Counter"),
        "by_staff": ("Theo cán bộ", "By clerk"),
        "clerk": ("Cán bộ", "Clerk"),
        "by_hour": ("Theo giờ", "By hour"),
        "hour": ("Giờ", "Hour"),
        "by_day": ("Theo ngày", "By day"),
        "date": ("Ngày", "Day"),
        "notes": (
            "Trung vị: một nửa số người chờ ít hơn, một nửa chờ lâu hơn. Thời gian chờ "
            "tính từ lúc lấy số đến lần gọi đầu tiên; thời gian phục vụ từ lúc gọi đến "
            "lúc cán bộ bấm “Xong”. Chỉ tính là đã phục vụ khi số được gọi rồi bấm "
            "“Xong”. Một số được chuyển sang lĩnh vực khác rồi chưa gọi lại thì không "
            "tính cho quầy hay cán bộ nào. Đánh giá: 1 Kém … 5 Rất tốt; hài lòng là 4 "
            "hoặc 5 điểm.",
            "Median: half the people waited less, half waited longer. The wait runs "
            "from taking a number to the first call; the service time from the call "
            "to the clerk pressing “Done”. A number counts as served only when it was "
            "called and then marked “Done”. A number sent to another field and not "
            "called again counts for no counter or clerk. Ratings: 1 Poor … 5 Very "
            "good; satisfied is 4 or 5.",
        ),
    },
)

register_group(
    "admin_daily",
    {
        "title": ("Báo cáo ngày", "Daily report"),
        "when": (
            "Hôm nay hệ thống tự lập báo cáo lúc {time}, sau giờ đóng cửa",
            "Today the system makes the report by itself at {time}, after closing",
        ),
        "when_pushed": (
            ", rồi gửi lên thành phố và tự gửi lại đến khi thành phố nhận",
            ", then sends it to the city, and again until the city takes it",
        ),
        "rebuilt": (
            "Nếu sau đó còn có số được cấp, gọi hoặc đánh giá trong ngày, báo cáo được "
            "lập lại và gửi lại với số liệu mới.",
            "If numbers are still given, called or rated later that day, the report is "
            "made and sent again with the new figures.",
        ),
        "key": ("Khóa ký báo cáo", "Report signing key"),
        "key_how": (
            "Mỗi lần gửi, báo cáo kèm tiêu đề {header} (HMAC-SHA256 của nội dung, ký "
            "bằng khóa này). Hãy gửi khóa này cho bộ phận nhận báo cáo của thành phố "
            "để họ kiểm tra báo cáo đúng là của đơn vị.",
            "Each report is sent with the header {header} (HMAC-SHA256 of the body, "
            "signed with this key). Give this key to the people at the city who "
            "receive the reports, so they can check a report really is the office's.",
        ),
        "new_key_confirm": (
            "Tạo khóa mới? Khóa cũ sẽ không dùng được nữa; cần gửi khóa mới cho thành "
            "phố.",
            "Make a new key? The old key stops working; the city needs the new one.",
        ),
        "new_key": ("Tạo khóa mới", "Make a new key"),
        "build": ("Lập báo cáo hôm nay ngay", "Make today's report now"),
        "day": ("Ngày", "Day"),
        "issued": ("Đã cấp", "Issued"),
        "served": ("Đã phục vụ", "Served"),
        "built_at": ("Lập lúc", "Made at"),
        "push": ("Gửi thành phố", "Sent to the city"),
        "files": ("Tải về", "Download"),
        "pushed": ("Đã gửi {at}", "Sent {at}"),
        "push_failed": (
            "Chưa gửi được ({attempts} lần): {error}",
            "Not sent yet ({attempts} tries): {error}",
        ),
        "push_waiting": ("Đang chờ gửi", "Waiting to be sent"),
        "push_again": ("Gửi lại", "Send again"),
        "none": ("Chưa có báo cáo nào.", "No reports yet."),
    },
)

register_group(
    "admin_audit",
    {
        "title": ("Nhật ký", "Log"),
        "intro": (
            "Mọi thay đổi trong trang quản trị và mọi thao tác với số thứ tự (cấp, "
            "gọi, gọi lại, chuyển, vắng mặt, đánh giá…).",
            "Every change in the admin pages and everything done with a number (given, "
            "called, called again, sent on, absent, rated…).",
        ),
        "day": ("Ngày", "Day"),
        "person": ("Người", "Person"),
        "person_hint": ("tên hoặc tên đăng nhập", "name or username"),
        "ticket": ("Số thứ tự", "Number"),
        "find": ("Tìm", "Find"),
        "all": ("Xem tất cả", "Show all"),
        "at": ("Lúc", "When"),
        "who": ("Ai", "Who"),
        "what": ("Việc", "What"),
        "number": ("Số", "Number"),
        "where": ("Ở đâu", "Where"),
        "detail": ("Chi tiết", "Details"),
        "none": ("Không có mục nào khớp.", "Nothing matches."),
    },
)

register_group(
    "admin_backup",
    {
        "title": ("Sao lưu", "Backup"),
        "heading": ("Sao lưu và khôi phục", "Backup and restore"),
        "download_how": (
            "Tải về một tệp chứa toàn bộ dữ liệu của đơn vị (lĩnh vực, quầy, cán bộ, "
            "thiết bị, số thứ tự, đánh giá, hồ sơ, nhật ký). Nên sao lưu hằng tuần và "
            "cất ở nơi an toàn.",
            "Download one file with all the office's data (fields, counters, staff, "
            "devices, numbers, ratings, dossiers, the log). Back up every week and "
            "keep the file somewhere safe.",
        ),
        "download": ("Tải tệp sao lưu", "Download a backup"),
        "restore_confirm": (
            "Khôi phục sẽ thay toàn bộ dữ liệu hiện tại của đơn vị bằng dữ liệu trong "
            "tệp. Tiếp tục?",
            "Restoring replaces all the office's current data with the data in the "
            "file. Go on?",
        ),
        "restore_how": (
            "Khôi phục từ tệp sao lưu của chính đơn vị này. Dữ liệu hiện tại sẽ được "
            "thay thế.",
            "Restore from a backup of this same office. The current data will be "
            "replaced.",
        ),
        "file": ("Tệp sao lưu", "Backup file"),
        "restore": ("Khôi phục", "Restore"),
    },
)

register_group(
    "admin_health",
    {
        "title": ("Tình trạng", "Health"),
        "heading": ("Tình trạng hệ thống", "System health"),
        "problems": ("Cần xử lý", "Needs attention"),
        "todo": ("Cách xử lý: {todo}", "What to do: {todo}"),
        "all_well": (
            "Mọi thứ đang hoạt động bình thường.",
            "Everything is working normally.",
        ),
        "devices": ("Thiết bị", "Devices"),
        "name": ("Tên", "Name"),
        "kind": ("Loại", "Kind"),
        "connection": ("Kết nối", "Connection"),
        "seen": ("Lần cuối thấy", "Last seen"),
        "online": ("Đang kết nối", "Connected"),
        "offline": ("Không kết nối", "Not connected"),
        "never": ("chưa bao giờ", "never"),
        "no_devices": (
            "Chưa có thiết bị. Tạo ở trang {page}.",
            "No devices yet. Add them on the {page} page.",
        ),
        "devices_page": ("Thiết bị", "Devices"),
        "server_ok": (
            "Máy chủ và cơ sở dữ liệu đang hoạt động (trang này mở được).",
            "The server and the database are working (this page opened).",
        ),
    },
)

register_group(
    "admin_city_page",
    {
        "title": ("Toàn thành phố", "The whole city"),
        "heading": (
            "Các đơn vị: hàng chờ và số liệu hôm nay",
            "The offices: queues and today's figures",
        ),
        "office": ("Đơn vị", "Office"),
        "waiting": ("Đang chờ", "Waiting"),
        "open": ("Quầy mở", "Counters open"),
        "serving": ("Đang phục vụ", "Being served"),
        "issued": ("Đã cấp", "Issued"),
        "served": ("Đã phục vụ", "Served"),
        "no_show": ("Vắng mặt", "Did not come"),
        "wait": ("Thời gian chờ (trung vị)", "Wait (median)"),
        "satisfied": ("Tỷ lệ hài lòng", "Share satisfied"),
        "refresh": ("Tự cập nhật mỗi 10 giây.", "Updates itself every 10 seconds."),
        "new_office": ("Thêm đơn vị", "Add an office"),
        "office_name": ("Tên đơn vị", "Office name"),
        "office_name_hint": ("Phường Hòa Bình", "Hoa Binh Ward"),
        "slug": (
            "Mã đơn vị (chữ thường không dấu, số, gạch ngang; dùng trong địa chỉ)",
            "Office code (lower-case letters without accents, digits, hyphens; used in "
            "addresses)",
        ),
        "first_admin": (
            "Tài khoản quản trị đầu tiên của đơn vị",
            "The office's first admin account",
        ),
        "full_name": ("Họ và tên", "Full name"),
        "username": ("Tên đăng nhập", "Username"),
        "password": ("Mật khẩu (ít nhất 8 ký tự)", "Password (at least 8 characters)"),
        "password2": ("Nhập lại mật khẩu", "Password again"),
        "create": (
            "Tạo đơn vị và tiếp tục cài đặt",
            "Create the office and go on with its setup",
        ),
    },
)

register_group(
    "admin_address_page",
    {
        "title": ("Địa chỉ truy cập", "Address"),
        "heading": ("Địa chỉ truy cập của hệ thống", "The system's address"),
        "intro": (
            "Điện thoại của công dân (mã QR trên phiếu, tin nhắn đặt lịch), ki-ốt, màn "
            "hình chờ, máy tính bảng đánh giá và máy tính của cán bộ đều mở hệ thống "
            "qua địa chỉ này. Hãy chọn địa chỉ của máy chủ trong mạng nội bộ của trung "
            "tâm, không dùng {localhost} hay {loopback}.",
            "Citizens' phones (the QR code on tickets, booking messages), kiosks, "
            "lobby boards, rating tablets and staff computers all open the system at "
            "this address. Choose the server's address on the centre's own network, "
            "not {localhost} or {loopback}.",
        ),
        "in_use": ("Đang dùng:", "In use:"),
        "source_env": (
            "(đặt bằng biến môi trường MOTCUA_PUBLIC_URL khi khởi động máy chủ; muốn "
            "đổi, hãy sửa biến này)",
            "(set by the environment variable MOTCUA_PUBLIC_URL when the server "
            "starts; to change it, change that variable)",
        ),
        "source_chosen": ("(do quản trị viên chọn)", "(chosen by an admin)"),
        "source_none": (
            "(chưa chọn: đang dùng địa chỉ trình duyệt này mở trang)",
            "(not chosen: the address this browser opened the page at)",
        ),
        "choose": (
            "Địa chỉ của máy chủ trong mạng nội bộ",
            "The server's address on the local network",
        ),
        "check": ("Kiểm tra", "Check"),
        "none_found": (
            "Không tìm thấy địa chỉ mạng nào của máy chủ. Hãy gõ địa chỉ bên dưới.",
            "No network address of the server was found. Type one below.",
        ),
        "custom": ("Hoặc gõ địa chỉ khác", "Or type another address"),
        "check_how": (
            "“Kiểm tra” mở địa chỉ từ chính trình duyệt này: nếu máy này mở được thì "
            "các thiết bị cùng mạng thường cũng mở được. Hãy thử thêm bằng điện thoại "
            "nối cùng mạng Wi-Fi.",
            "“Check” opens the address from this browser: if this computer can open "
            "it, devices on the same network usually can too. Try a phone on the same "
            "Wi-Fi as well.",
        ),
        "save_next": ("Lưu và tiếp tục", "Save and continue"),
        "save": ("Lưu địa chỉ", "Save the address"),
        "skip": ("Bỏ qua", "Skip"),
    },
)

register_group(
    "admin_ticket",
    {
        "title": ("Số {number}", "Number {number}"),
        "heading": ("Số {number} – {service}", "Number {number} – {service}"),
        "day": ("Ngày {day}", "Day {day}"),
        "status": ("Trạng thái:", "Status:"),
        "status_waiting": ("đang chờ", "waiting"),
        "status_called": ("đã gọi", "called"),
        "status_serving": ("đang phục vụ", "being served"),
        "status_done": ("đã phục vụ xong", "served"),
        "status_no_show": ("vắng mặt", "did not come"),
        "status_cancelled": ("đã hủy", "cancelled"),
        "priority": ("Ưu tiên", "Priority"),
        "dossier": ("Hồ sơ {code}", "Dossier {code}"),
        "rating": ("Đánh giá:", "Rating:"),
        "not_rated": ("Chưa được đánh giá.", "Not rated."),
        "at": ("Lúc", "When"),
        "what": ("Việc", "What"),
        "who": ("Ai", "Who"),
        "where": ("Ở đâu", "Where"),
        "detail": ("Chi tiết", "Details"),
        "back": ("Về nhật ký", "Back to the log"),
    },
)
