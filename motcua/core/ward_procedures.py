"""The common ward-level procedures of each field, as a start for a ward's guide.

Written in our own words from the ward-level procedure lists published on the national
public service portal (dichvucong.gov.vn) and in the provinces' decisions announcing
their lists, 2025. Fees and times change: every entry says so, and the ward checks and
edits it in the admin pages. Rows: field, title, papers ("|" between), fee, time.
"""

from __future__ import annotations

SOURCE = (
    "Theo Bộ thủ tục hành chính cấp xã công bố trên Cổng Dịch vụ công quốc gia "
    "(2025); phường kiểm tra, sửa theo quy định hiện hành"
)
BY_PROVINCE = "Theo mức Hội đồng nhân dân tỉnh, thành phố quy định"
FREE = "Không thu phí, lệ phí"

ROWS: tuple[tuple[str, str, str, str, str], ...] = (
    # Chứng thực
    ("CT", "Chứng thực bản sao từ bản chính giấy tờ, văn bản",
     "Bản chính giấy tờ, văn bản cần sao (kể cả sổ đỏ, bằng cấp, giấy khai sinh)"
     "|Bản sao cần chứng thực (nếu tự mang theo)",
     "2.000 đồng/trang; từ trang thứ 3 là 1.000 đồng/trang, tối đa 200.000 đồng/bản",
     "Trong ngày làm việc (nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo)"),
    ("CT", "Chứng thực chữ ký trong giấy tờ, văn bản",
     "Căn cước hoặc hộ chiếu còn giá trị|Giấy tờ, văn bản sẽ ký (ký trước mặt cán bộ)",
     "10.000 đồng/trường hợp", "Trong ngày làm việc"),
    ("CT", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản",
     "Dự thảo hợp đồng, giao dịch|Căn cước của các bên"
     "|Bản sao giấy tờ về tài sản (đăng ký xe, ...)",
     "50.000 đồng/hợp đồng, giao dịch", "Không quá 02 ngày làm việc"),
    ("CT", "Chứng thực hợp đồng, giao dịch về quyền sử dụng đất, nhà ở",
     "Dự thảo hợp đồng (chuyển nhượng, tặng cho, thế chấp, cho thuê)"
     "|Căn cước của các bên|Bản sao Giấy chứng nhận quyền sử dụng đất (sổ đỏ, sổ hồng)",
     "50.000 đồng/hợp đồng, giao dịch", "Không quá 02 ngày làm việc"),
    ("CT", "Chứng thực văn bản thoả thuận phân chia di sản, văn bản khai nhận di sản",
     "Dự thảo văn bản|Căn cước của những người thừa kế"
     "|Trích lục khai tử của người để lại di sản"
     "|Giấy tờ chứng minh quan hệ với người để lại di sản|Giấy tờ về tài sản",
     "50.000 đồng/văn bản",
     "Không quá 02 ngày làm việc sau khi niêm yết đủ 15 ngày"),
    ("CT", "Chứng thực di chúc",
     "Dự thảo di chúc|Căn cước của người lập di chúc|Giấy tờ về tài sản (nếu có)",
     "50.000 đồng/di chúc", "Không quá 02 ngày làm việc"),
    ("CT", "Chứng thực việc sửa đổi, bổ sung, huỷ bỏ hợp đồng, giao dịch",
     "Dự thảo văn bản sửa đổi, bổ sung, huỷ bỏ|Hợp đồng đã được chứng thực"
     "|Căn cước của các bên",
     "30.000 đồng/hợp đồng, giao dịch", "Không quá 02 ngày làm việc"),
    # Hộ tịch
    ("HT", "Đăng ký khai sinh",
     "Tờ khai đăng ký khai sinh theo mẫu|Giấy chứng sinh (hoặc văn bản người làm chứng)"
     "|Căn cước của người đi đăng ký|Giấy chứng nhận kết hôn của cha mẹ (nếu có)",
     "Miễn lệ phí khi đăng ký đúng hạn", "Ngay trong ngày tiếp nhận hồ sơ"),
    ("HT", "Liên thông đăng ký khai sinh, thường trú, cấp thẻ bảo hiểm y tế "
     "cho trẻ dưới 6 tuổi",
     "Tờ khai liên thông theo mẫu|Giấy chứng sinh|Căn cước của cha, mẹ",
     "Miễn lệ phí khi đăng ký đúng hạn",
     "Khai sinh trong ngày; thường trú và thẻ bảo hiểm y tế theo liên thông"),
    ("HT", "Đăng ký kết hôn",
     "Tờ khai đăng ký kết hôn theo mẫu (hai bên cùng có mặt)"
     "|Căn cước của hai bên nam, nữ"
     "|Giấy xác nhận tình trạng hôn nhân (nếu cư trú ở nơi khác)",
     "Miễn lệ phí (kết hôn giữa công dân Việt Nam ở trong nước)",
     "Ngay trong ngày; cần xác minh thì không quá 05 ngày làm việc"),
    ("HT", "Đăng ký khai tử",
     "Tờ khai đăng ký khai tử theo mẫu|Giấy báo tử hoặc giấy tờ thay giấy báo tử"
     "|Căn cước của người đi đăng ký",
     "Miễn lệ phí khi đăng ký đúng hạn", "Ngay trong ngày tiếp nhận hồ sơ"),
    ("HT", "Cấp Giấy xác nhận tình trạng hôn nhân",
     "Tờ khai theo mẫu|Căn cước"
     "|Bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu có)",
     BY_PROVINCE, "Không quá 03 ngày làm việc"),
    ("HT", "Đăng ký nhận cha, mẹ, con",
     "Tờ khai theo mẫu|Chứng cứ chứng minh quan hệ cha, mẹ, con (kết quả giám định ADN,"
     " văn bản xác nhận)|Căn cước của các bên",
     BY_PROVINCE, "Không quá 03 ngày làm việc"),
    ("HT", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch",
     "Tờ khai theo mẫu|Giấy khai sinh hoặc giấy tờ hộ tịch cần sửa"
     "|Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung",
     BY_PROVINCE,
     "Không quá 03 ngày làm việc; bổ sung thông tin thì trả ngay trong ngày"),
    ("HT", "Cấp bản sao trích lục hộ tịch",
     "Tờ khai cấp bản sao trích lục hộ tịch theo mẫu|Căn cước",
     "8.000 đồng/bản sao trích lục", "Ngay trong ngày tiếp nhận yêu cầu"),
    ("HT", "Đăng ký lại khai sinh",
     "Tờ khai theo mẫu|Bản sao giấy khai sinh cũ hoặc giấy tờ có thông tin khai sinh"
     "|Căn cước",
     BY_PROVINCE, "Không quá 05 ngày làm việc"),
    ("HT", "Đăng ký giám hộ",
     "Tờ khai đăng ký giám hộ theo mẫu|Văn bản cử người giám hộ|Căn cước",
     BY_PROVINCE, "Không quá 03 ngày làm việc"),
    # Đất đai
    ("DD", "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
     "Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu"
     "|Giấy tờ về quyền sử dụng đất (nếu có)|Sơ đồ, mảnh trích đo thửa đất (nếu có)"
     "|Căn cước của người sử dụng đất",
     "Lệ phí cấp giấy chứng nhận và tiền sử dụng đất (nếu có) " + BY_PROVINCE.lower(),
     "Không quá 20 ngày làm việc"),
    ("DD", "Đăng ký biến động: chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất "
     "(sang tên sổ đỏ)",
     "Đơn đăng ký biến động theo mẫu|Hợp đồng, văn bản đã công chứng hoặc chứng thực"
     "|Bản gốc Giấy chứng nhận (sổ đỏ, sổ hồng)|Tờ khai thuế, lệ phí trước bạ",
     "Lệ phí trước bạ 0,5%; thuế thu nhập cá nhân 2% nếu chuyển nhượng; "
     "lệ phí cấp giấy theo tỉnh",
     "Không quá 10 ngày làm việc"),
    ("DD", "Cấp đổi, cấp lại Giấy chứng nhận quyền sử dụng đất",
     "Đơn đề nghị theo mẫu|Bản gốc Giấy chứng nhận đã cấp (khi cấp đổi)"
     "|Giấy xác nhận việc mất giấy chứng nhận (khi cấp lại)",
     BY_PROVINCE, "Cấp đổi không quá 07 ngày, cấp lại không quá 10 ngày làm việc"),
    ("DD", "Chuyển mục đích sử dụng đất của hộ gia đình, cá nhân",
     "Đơn xin chuyển mục đích sử dụng đất theo mẫu|Bản gốc Giấy chứng nhận",
     "Tiền sử dụng đất theo quy định; lệ phí " + BY_PROVINCE.lower(),
     "Theo quy định, không quá 20 ngày làm việc"),
    ("DD", "Tách thửa, hợp thửa đất",
     "Đơn đề nghị tách thửa, hợp thửa theo mẫu|Bản gốc Giấy chứng nhận"
     "|Bản vẽ tách thửa, hợp thửa",
     BY_PROVINCE, "Không quá 15 ngày làm việc"),
    ("DD", "Hoà giải tranh chấp đất đai",
     "Đơn yêu cầu hoà giải tranh chấp đất đai|Giấy tờ liên quan đến thửa đất",
     FREE, "Không quá 30 ngày kể từ ngày nhận đơn"),
    ("DD", "Đính chính Giấy chứng nhận đã cấp",
     "Đơn đề nghị đính chính|Bản gốc Giấy chứng nhận đã cấp",
     FREE, "Không quá 10 ngày làm việc"),
    # Xây dựng
    ("XD", "Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Đơn đề nghị cấp giấy phép xây dựng theo mẫu"
     "|Bản sao giấy tờ về quyền sử dụng đất (sổ đỏ)"
     "|02 bộ bản vẽ thiết kế (mặt bằng, mặt cắt, mặt đứng, móng)",
     BY_PROVINCE, "Không quá 15 ngày"),
    ("XD", "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ",
     "Đơn đề nghị theo mẫu|Bản sao giấy tờ về quyền sở hữu nhà, quyền sử dụng đất"
     "|Bản vẽ hiện trạng và bản vẽ sửa chữa, cải tạo|Ảnh chụp hiện trạng công trình",
     BY_PROVINCE, "Không quá 15 ngày"),
    ("XD", "Cấp giấy phép xây dựng có thời hạn nhà ở riêng lẻ",
     "Đơn đề nghị theo mẫu|Bản sao giấy tờ về quyền sử dụng đất|02 bộ bản vẽ thiết kế"
     "|Cam kết tự phá dỡ khi Nhà nước thực hiện quy hoạch",
     BY_PROVINCE, "Không quá 15 ngày"),
    ("XD", "Điều chỉnh, gia hạn giấy phép xây dựng",
     "Đơn đề nghị điều chỉnh hoặc gia hạn|Bản chính giấy phép xây dựng đã cấp"
     "|Bản vẽ thiết kế điều chỉnh (khi điều chỉnh)",
     BY_PROVINCE, "Gia hạn không quá 05 ngày; điều chỉnh không quá 15 ngày"),
    ("XD", "Cấp lại giấy phép xây dựng",
     "Đơn đề nghị cấp lại (nói rõ lý do)|Bản chính giấy phép bị rách, nát (nếu có)",
     BY_PROVINCE, "Không quá 05 ngày làm việc"),
    # Hộ kinh doanh
    ("KD", "Đăng ký thành lập hộ kinh doanh",
     "Giấy đề nghị đăng ký hộ kinh doanh theo mẫu|Căn cước của chủ hộ kinh doanh"
     "|Biên bản họp thành viên hộ gia đình (nếu cùng đăng ký)"
     "|Bản sao hợp đồng thuê hoặc giấy tờ về địa điểm kinh doanh",
     BY_PROVINCE, "03 ngày làm việc"),
    ("KD", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
     "Thông báo thay đổi nội dung theo mẫu|Giấy chứng nhận đăng ký hộ kinh doanh",
     BY_PROVINCE, "03 ngày làm việc"),
    ("KD", "Tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn",
     "Thông báo tạm ngừng hoặc tiếp tục kinh doanh theo mẫu", FREE,
     "03 ngày làm việc"),
    ("KD", "Chấm dứt hoạt động hộ kinh doanh",
     "Thông báo chấm dứt hoạt động theo mẫu"
     "|Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh"
     "|Thông báo của cơ quan thuế về việc đã hoàn thành nghĩa vụ thuế",
     FREE, "03 ngày làm việc"),
    ("KD", "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh",
     "Giấy đề nghị cấp lại theo mẫu|Căn cước của chủ hộ kinh doanh",
     BY_PROVINCE, "03 ngày làm việc"),
    # Bảo trợ xã hội, trẻ em
    ("BT", "Trợ cấp xã hội hằng tháng đối với người cao tuổi",
     "Tờ khai đề nghị trợ giúp xã hội theo mẫu|Căn cước của người cao tuổi",
     FREE, "Theo quy định, tối đa 22 ngày làm việc"),
    ("BT", "Trợ cấp xã hội hằng tháng đối với người khuyết tật",
     "Tờ khai đề nghị trợ giúp xã hội theo mẫu|Giấy xác nhận khuyết tật|Căn cước",
     FREE, "Theo quy định, tối đa 22 ngày làm việc"),
    ("BT", "Xác định mức độ khuyết tật, cấp Giấy xác nhận khuyết tật",
     "Đơn đề nghị xác định mức độ khuyết tật theo mẫu"
     "|Bản sao hồ sơ bệnh án, giấy khám bệnh (nếu có)|Căn cước hoặc giấy khai sinh",
     FREE, "Theo quy định, tối đa 30 ngày (có họp Hội đồng xác định)"),
    ("BT", "Trợ cấp xã hội hằng tháng đối với trẻ em mồ côi, không có nguồn nuôi dưỡng",
     "Tờ khai đề nghị trợ giúp xã hội theo mẫu|Giấy khai sinh của trẻ"
     "|Giấy tờ chứng minh hoàn cảnh (trích lục khai tử của cha mẹ, ...)",
     FREE, "Theo quy định, tối đa 22 ngày làm việc"),
    ("BT", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội",
     "Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu"
     "|Trích lục khai tử hoặc giấy báo tử",
     FREE, "Theo quy định, tối đa 05 ngày làm việc"),
    ("BT", "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm",
     "Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo theo mẫu|Căn cước của chủ hộ",
     FREE, "Theo quy định, tối đa 15 ngày làm việc"),
    # Người có công
    ("NCC", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ",
     "Đơn đề nghị theo mẫu|Bản sao Bằng Tổ quốc ghi công hoặc giấy chứng nhận gia đình "
     "liệt sĩ|Văn bản uỷ quyền thờ cúng (nếu có)",
     FREE, "Theo quy định (hồ sơ chuyển cấp tỉnh giải quyết)"),
    ("NCC", "Trợ cấp mai táng, trợ cấp một lần khi người có công từ trần",
     "Tờ khai của thân nhân theo mẫu|Trích lục khai tử hoặc giấy báo tử",
     FREE, "Theo quy định (hồ sơ chuyển cấp tỉnh giải quyết)"),
    ("NCC", "Thăm viếng mộ liệt sĩ, hỗ trợ di chuyển hài cốt liệt sĩ",
     "Đơn đề nghị theo mẫu|Giấy tờ chứng minh là thân nhân liệt sĩ",
     FREE, "Theo quy định, khoảng 05 ngày làm việc"),
    ("NCC", "Hỗ trợ người có công cải thiện nhà ở",
     "Đơn đề nghị hỗ trợ nhà ở theo mẫu|Giấy tờ chứng minh là người có công",
     FREE, "Theo kế hoạch hỗ trợ hằng năm của địa phương"),
    ("NCC", "Xác nhận thương binh, người hưởng chính sách như thương binh "
     "đang sinh sống tại địa phương",
     "Đơn đề nghị theo mẫu|Giấy chứng nhận thương binh|Căn cước",
     FREE, "Theo quy định, khoảng 05 ngày làm việc"),
    # Nội vụ
    ("NV", "Đăng ký hoạt động tín ngưỡng",
     "Văn bản đăng ký theo mẫu|Danh mục hoạt động tín ngưỡng trong năm",
     FREE, "Không quá 15 ngày"),
    ("NV", "Đăng ký sinh hoạt tôn giáo tập trung",
     "Văn bản đăng ký theo mẫu|Văn bản giới thiệu người đại diện|Giấy tờ về địa điểm",
     FREE, "Không quá 20 ngày"),
    ("NV", "Thông báo tổ chức lễ hội, quyên góp tại cơ sở tín ngưỡng",
     "Văn bản thông báo theo mẫu", FREE, "Không quá 15 ngày"),
    ("NV", "Tặng Giấy khen của Chủ tịch Uỷ ban nhân dân phường",
     "Tờ trình đề nghị khen thưởng|Báo cáo thành tích", FREE,
     "Theo quy định, không quá 20 ngày làm việc"),
    # Giáo dục
    ("GD", "Xét, duyệt miễn, giảm học phí và hỗ trợ chi phí học tập",
     "Đơn đề nghị miễn, giảm học phí theo mẫu"
     "|Giấy tờ chứng minh thuộc diện được miễn, giảm (giấy chứng nhận hộ nghèo, ...)",
     FREE, "Theo quy định, trong 10 ngày làm việc"),
    ("GD", "Chuyển trường đối với học sinh tiểu học, trung học cơ sở",
     "Đơn xin chuyển trường của cha mẹ học sinh|Học bạ|Giấy giới thiệu chuyển trường",
     FREE, "Theo quy định, khoảng 03 ngày làm việc"),
    ("GD", "Cho phép nhóm trẻ, lớp mẫu giáo độc lập hoạt động",
     "Tờ trình đề nghị cho phép hoạt động|Giấy tờ về địa điểm, cơ sở vật chất"
     "|Danh sách giáo viên kèm văn bằng",
     FREE, "Không quá 20 ngày làm việc"),
    ("GD", "Hỗ trợ ăn trưa, chi phí học tập cho trẻ mẫu giáo",
     "Đơn đề nghị hỗ trợ theo mẫu|Giấy tờ chứng minh thuộc diện hỗ trợ",
     FREE, "Theo quy định, trong 10 ngày làm việc"),
)  # fmt: skip
