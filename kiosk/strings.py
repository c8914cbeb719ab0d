"""Words on the kiosk and the status page, Vietnamese first; the face's API messages."""

from __future__ import annotations

from motcua import i18n

i18n.register_group(
    "kiosk",
    {
        "title": (
            "Lấy số thứ tự",
            "Take a number",
        ),
        "choose": (
            "Chạm vào lĩnh vực để lấy số thứ tự",
            "Touch a service to take a number",
        ),
        "waiting": (
            "{n} người đang chờ",
            "{n} waiting",
        ),
        "none_waiting_busy": (
            "Chưa ai chờ, quầy đang bận",
            "Nobody waiting, counters busy",
        ),
        "wait_about": (
            "chờ khoảng {m} phút",
            "about {m} min wait",
        ),
        "wait_short": (
            "chờ dưới 1 phút",
            "under 1 min wait",
        ),
        "wait_unknown": (
            "Chưa có quầy phục vụ",
            "No counter serving yet",
        ),
        "closed": (
            "Tạm ngừng cấp số",
            "Not issuing numbers now",
        ),
        "outside_hours": (
            "Ngoài giờ cấp số",
            "Outside opening hours",
        ),
        "cap": (
            "Đã hết số hôm nay",
            "No numbers left today",
        ),
        "still": (
            "Bạn vẫn có thể tra cứu hồ sơ, xem hướng dẫn thủ tục hoặc nhấn “Cần hỗ "
            "trợ”.",
            "You can still look up a dossier, read the procedure guide or press "
            "“Need help”.",
        ),
        "your_number": (
            "Số thứ tự của bạn",
            "Your number",
        ),
        "ahead": (
            "Còn {n} người trước bạn",
            "{n} people ahead of you",
        ),
        "taken_at": (
            "Lấy số lúc {t}",
            "Taken at {t}",
        ),
        "print_failed": (
            "Máy in đang gặp sự cố nên chưa in được phiếu. Số thứ tự của bạn vẫn "
            "được giữ: hãy ghi nhớ số này hoặc chụp mã QR, và báo cán bộ để in lại.",
            "The printer has a problem and could not print your ticket. Your number "
            "is kept: note it or photograph the QR code, and ask staff to reprint.",
        ),
        "print_retry": (
            "Đang thử in lại phiếu…",
            "Trying to print your ticket again…",
        ),
        "scan": (
            "Quét mã để theo dõi trên điện thoại",
            "Scan to follow on your phone",
        ),
        "done": (
            "Xong",
            "Done",
        ),
        "busy": (
            "Đang cấp số…",
            "Taking a number…",
        ),
        "retry": (
            "Chưa kết nối được máy chủ. Xin báo cán bộ tại quầy.",
            "The server cannot be reached. Please ask staff at a counter.",
        ),
        "offline": (
            "Tạm thời không cấp được số. Vui lòng hỏi cán bộ hướng dẫn.",
            "Numbers cannot be issued just now. Please ask a member of staff.",
        ),
        "lookup": (
            "Tra cứu",
            "Look up",
        ),
        "guide": (
            "Hướng dẫn thủ tục",
            "Procedure guide",
        ),
        "help": (
            "Cần hỗ trợ",
            "Need help",
        ),
        "help_sent": (
            "Đã báo cán bộ. Xin chờ trong giây lát, sẽ có người đến hỗ trợ.",
            "Staff have been told. Please wait, someone will come to help.",
        ),
        "priority": (
            "Số ưu tiên",
            "Priority number",
        ),
        "pin_prompt": (
            "Cán bộ hoặc người hướng dẫn nhập mã PIN",
            "Staff or helper: enter the PIN",
        ),
        "pin": (
            "Mã PIN",
            "PIN",
        ),
        "choose_class": (
            "Chọn đối tượng ưu tiên, rồi chọn lĩnh vực",
            "Choose the priority group, then the service",
        ),
        "self_priority": (
            "Tôi thuộc đối tượng ưu tiên",
            "I am in a priority group",
        ),
        "by_ticket": (
            "Theo số thứ tự",
            "By ticket number",
        ),
        "by_dossier": (
            "Theo mã hồ sơ",
            "By dossier code",
        ),
        "lookup_hint": (
            "Nhập trên bàn phím hoặc quét mã QR trên phiếu, biên nhận",
            "Type on the keyboard or scan the QR code on the ticket or receipt",
        ),
        "lookup_number": (
            "Số thứ tự chỉ gồm chữ số, in to trên phiếu, ví dụ 1001. Tra cứu hồ sơ: "
            "chạm “Theo mã hồ sơ” rồi nhập mã trên giấy biên nhận.",
            "A ticket number has digits only, printed large on the ticket, e.g. 1001. "
            "For a dossier: tap “By dossier code” and type the code on the receipt.",
        ),
        "code": (
            "Mã cần tra cứu",
            "Code to look up",
        ),
        "search": (
            "Tìm",
            "Search",
        ),
        "clear": (
            "Xoá hết",
            "Clear all",
        ),
        "back": (
            "Quay lại",
            "Back",
        ),
        "switch": (
            "English",
            "Tiếng Việt",
        ),
        "guide_hint": (
            "Gõ tên thủ tục, có dấu hoặc không dấu",
            "Type a procedure name, with or without accents",
        ),
        "papers": (
            "Giấy tờ cần có",
            "Papers to bring",
        ),
        "fee": (
            "Lệ phí",
            "Fee",
        ),
        "duration": (
            "Thời gian giải quyết",
            "Processing time",
        ),
        "no_result": (
            "Không tìm thấy thủ tục phù hợp.",
            "No matching procedure.",
        ),
        "dossier_status": (
            "Tình trạng hồ sơ",
            "Dossier status",
        ),
        "due": (
            "Hẹn trả kết quả",
            "Result due",
        ),
        "consent_title": (
            "Quét căn cước (không bắt buộc)",
            "Scan your ID card (optional)",
        ),
        "consent_text": (
            "Đơn vị giới hạn số lượt lấy số mỗi người mỗi ngày. Nếu bạn đồng ý, máy "
            "chỉ đọc số căn cước, chỉ lưu 4 số cuối và một mã không thể đọc ngược; "
            "họ tên, ngày sinh, địa chỉ không được lưu.",
            "This office limits how many numbers one person takes a day. If you "
            "agree, the machine reads only the ID number and keeps only its last 4 "
            "digits and a code that cannot be read back; name, birth date and "
            "address are not kept.",
        ),
        "consent_yes": (
            "Đồng ý, tôi sẽ quét",
            "I agree, I will scan",
        ),
        "consent_no": (
            "Không quét, lấy số",
            "Do not scan, take a number",
        ),
        "scan_now": (
            "Đưa mã QR trên thẻ căn cước vào máy quét",
            "Hold the QR code of your ID card to the scanner",
        ),
        "scan_bad": (
            "Không đọc được mã trên thẻ, vui lòng quét lại.",
            "The card's code could not be read; please scan again.",
        ),
        "service": (
            "Lĩnh vực",
            "Service",
        ),
        "live_note": (
            "Trang này tự cập nhật. Xin giữ phiếu cho đến khi được gọi.",
            "This page updates by itself. Keep your ticket until you are called.",
        ),
        "number": (
            "Số thứ tự",
            "Number",
        ),
        "wait": (
            "Thời gian chờ dự kiến",
            "Estimated wait",
        ),
        "lang_name": (
            "Tiếng Việt",
            "English",
        ),
        "home": (
            "Trang đầu",
            "Start",
        ),
        "space": (
            "Dấu cách",
            "Space",
        ),
        "backspace": (
            "Xoá",
            "Delete",
        ),
        "more_time_title": (
            "Bạn cần thêm thời gian?",
            "Do you need more time?",
        ),
        "more_time_text": (
            "Màn hình sẽ trở về trang đầu sau {n} giây.",
            "The screen goes back to the start in {n} seconds.",
        ),
        "more_time": (
            "Tôi cần thêm thời gian",
            "I need more time",
        ),
        "take_ticket": (
            "Mời nhận phiếu",
            "Please take your ticket",
        ),
        "take_ticket_hint": (
            "Phiếu in ra ở khe máy in bên dưới màn hình.",
            "The ticket comes out of the printer below the screen.",
        ),
        "no_printer": (
            "Máy này không in phiếu. Xin ghi nhớ số thứ tự hoặc chụp mã QR bằng "
            "điện thoại.",
            "This machine does not print tickets. Please note your number or "
            "photograph the QR code.",
        ),
        "priority_tile": (
            "Ưu tiên: người cao tuổi, khuyết tật, phụ nữ mang thai, người có công…",
            "Priority: elderly, disabled, pregnant, meritorious service…",
        ),
        "priority_how": (
            "Chọn đối tượng ưu tiên. Bạn nhận số ngay, cán bộ sẽ đến xác nhận ưu tiên.",
            "Choose your group. You get a number now; staff will come to confirm "
            "the priority.",
        ),
        "priority_field": (
            "Chọn lĩnh vực để lấy số ưu tiên",
            "Choose the service for your priority number",
        ),
        "priority_requested": (
            "Cán bộ sẽ đến xác nhận ưu tiên cho số này. Xin chờ gần máy lấy số.",
            "Staff will come to confirm priority for this number. Please wait near "
            "the machine.",
        ),
        "assistant": (
            "Hỏi trợ lý",
            "Ask the assistant",
        ),
        "assistant_hint": (
            "Gõ việc bạn cần làm, có dấu hoặc không dấu",
            "Type what you need, with or without accents",
        ),
        "assistant_examples": (
            "Hoặc chọn câu hỏi thường gặp",
            "Or pick a common question",
        ),
        "examples": (
            "Làm giấy khai sinh cho con|Sao y, chứng thực giấy tờ|Đăng ký kết "
            "hôn|Sang tên sổ đỏ|Xin giấy phép xây dựng, sửa nhà|Đăng ký hộ kinh "
            "doanh|Trợ cấp người cao tuổi|Giấy xác nhận độc thân",
            "Làm giấy khai sinh cho con|Sao y, chứng thực giấy tờ|Đăng ký kết "
            "hôn|Sang tên sổ đỏ|Xin giấy phép xây dựng, sửa nhà|Đăng ký hộ kinh "
            "doanh|Trợ cấp người cao tuổi|Giấy xác nhận độc thân",
        ),
        "ask": (
            "Hỏi",
            "Ask",
        ),
        "answer_field": (
            "Việc này làm tại lĩnh vực",
            "This is done at",
        ),
        "take_in": (
            "Lấy số {field}",
            "Take a number for {field}",
        ),
        "other_fields": (
            "Có thể bạn cần",
            "You may also need",
        ),
        "assistant_none": (
            "Chưa tìm được thủ tục phù hợp. Xin gõ cách khác hoặc nhấn “Cần hỗ trợ”.",
            "No matching procedure yet. Try other words or press “Need help”.",
        ),
        "source": (
            "Nguồn",
            "Source",
        ),
        "to_check": (
            "Lệ phí và thời gian đang chờ phường kiểm tra lại: xin hỏi cán bộ để "
            "biết chính xác.",
            "The ward is still checking this fee and time: please ask staff for the "
            "exact figures.",
        ),
        "ahead_one": (
            "Còn 1 người trước bạn",
            "1 person ahead of you",
        ),
    },
)

i18n.register(
    {
        "bad_dossier_code": (
            "Mã hồ sơ chưa đúng dạng. Mã có dạng 000.00.01.H29-250719-0013, "
            "in trên giấy biên nhận.",
            "The dossier code is not in the right form. It looks like "
            "000.00.01.H29-250719-0013 and is printed on the receipt.",
        ),
        "bad_dossier_date": (
            "Ngày trong mã hồ sơ không hợp lệ; vui lòng kiểm tra lại giấy biên nhận.",
            "The date inside the dossier code is not valid; check the receipt.",
        ),
        "unknown_dossier": (
            "Chưa tìm thấy hồ sơ {dossier}. Hồ sơ vừa nộp có thể chưa được cập nhật; "
            "vui lòng hỏi cán bộ tại quầy.",
            "Dossier {dossier} was not found. A new dossier may not be listed yet; "
            "please ask at a counter.",
        ),
        "dossier_source_busy": (
            "Hệ thống tra cứu đang bận, vui lòng thử lại sau giây lát.",
            "The look-up system is busy, please try again in a moment.",
        ),
        "dossier_source_down": (
            "Chưa kết nối được hệ thống hồ sơ. Vui lòng thử lại sau hoặc hỏi cán bộ.",
            "The dossier system is not answering. Try again later or ask staff.",
        ),
        "bad_dossier_status": (
            "Tình trạng hồ sơ '{status}' không hợp lệ.",
            "Dossier status '{status}' is not valid.",
        ),
        "bad_due_date": (
            "Ngày hẹn '{value}' không hợp lệ (YYYY-MM-DD).",
            "Due date '{value}' is not valid (YYYY-MM-DD).",
        ),
        "bad_csv": (
            "Tệp CSV cần có các cột code và status.",
            "The CSV file needs the columns code and status.",
        ),
        "unknown_ticket_number": (
            "Không có số {number} trong ngày hôm nay.",
            "There is no number {number} today.",
        ),
        "wrong_pin": (
            "Mã PIN không đúng. Còn {left} lần thử.",
            "Wrong PIN. {left} tries left.",
        ),
        "pin_locked": (
            "Đã nhập sai mã PIN quá nhiều lần. Xin đợi {minutes} phút "
            "hoặc nhờ cán bộ xác nhận ưu tiên.",
            "Too many wrong PINs. Wait {minutes} minutes or ask staff to confirm.",
        ),
        "assistant_empty": (
            "Xin gõ việc bạn cần làm.",
            "Please type what you need.",
        ),
        "assistant_too_long": (
            "Câu hỏi dài quá {most} ký tự; xin gõ ngắn hơn.",
            "The question is longer than {most} characters; please shorten it.",
        ),
        "bad_pin": ("Mã PIN cần 4 đến 12 chữ số.", "The PIN needs 4 to 12 digits."),
    }
)


def texts(lang: str) -> dict[str, str]:
    """The page texts in a language (Vietnamese unless "en")."""
    return i18n.words("kiosk", lang)
