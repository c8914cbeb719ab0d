"""The words citizens use for ward procedures, folded (no diacritics), for textmatch.

PHRASES: (what people type, the guide's words for it, weight). A phrase widens the
query with the guide's words; a higher weight says the phrase names the procedure
itself ("sao y"), a lower one only its object ("sổ đỏ"). A ward adds its own words here.
"""

from __future__ import annotations

# Shorthands and spellings, one typed word to the usual spelling.
SPELLING: dict[str, str] = {
    "ki": "ky", "dk": "dang ky", "dki": "dang ky", "dky": "dang ky", "fep": "phep",
    "xd": "xay dung", "bhyt": "bao hiem y te", "cccd": "can cuoc", "cmnd": "can cuoc",
    "gcn": "giay chung nhan", "hkd": "ho kinh doanh", "sdd": "so do", "tui": "toi",
    "ko": "khong", "k": "khong", "j": "gi", "dc": "duoc", "nt": "nhu the",
    "giayphep": "giay phep", "kd": "kinh doanh", "gd": "giao duc",
}  # fmt: skip

# Words that say nothing of the procedure asked for.
STOP = frozenset(
    """toi em anh chi minh ong ba bo me ma con chau muon can xin hoi lam sao the nao
    gi a oi nhe voi thi la cua va o dau bao nhieu duoc khong co cho nay do ve roi phai
    nhu mot cai may nhung di nua de vay gium giup ne nha nhe ah u vui long moi da se
    dang phai khi nao cac nhung tai vao ra len xuong""".split()
)

PHRASES: tuple[tuple[str, str, float], ...] = (
    # Chứng thực
    ("sao y", "chung thuc ban sao ban chinh", 2.0),
    ("photo", "chung thuc ban sao", 1.5),
    ("cong chung", "chung thuc", 2.0),
    ("chu ky", "chung thuc chu ky", 1.5),
    ("ky xac nhan", "chung thuc chu ky", 1.5),
    ("uy quyen", "chung thuc chu ky", 1.0),
    ("hop dong", "chung thuc hop dong giao dich", 1.0),
    ("xe may", "dong san", 1.0),
    ("oto", "dong san", 1.0),
    ("thua ke", "di san thua ke", 1.0),
    # Hộ tịch
    ("giay khai sinh", "khai sinh", 1.5),
    ("moi sinh", "khai sinh", 1.0),
    ("moi de", "khai sinh", 1.5),
    ("em be", "khai sinh tre", 1.0),
    ("con nit", "khai sinh tre", 1.0),
    ("cuoi vo", "ket hon", 2.0),
    ("cuoi chong", "ket hon", 2.0),
    ("lay vo", "ket hon", 2.0),
    ("lay chong", "ket hon", 2.0),
    ("cuoi", "ket hon", 1.0),
    ("moi mat", "khai tu", 2.0),
    ("da mat", "khai tu", 2.0),
    ("qua doi", "khai tu", 2.0),
    ("chet", "khai tu", 2.0),
    ("bao tu", "khai tu", 1.0),
    ("doc than", "xac nhan tinh trang hon nhan", 2.0),
    ("ban sao giay khai sinh", "ban sao trich luc ho tich", 1.5),
    ("sua ten", "thay doi cai chinh ho tich", 1.5),
    ("doi ten", "thay doi cai chinh", 1.0),
    ("ho ten", "thay doi cai chinh ho tich", 1.0),
    ("ngay sinh", "cai chinh ho tich", 1.0),
    ("bao hiem y te", "khai sinh bao hiem y te", 1.0),
    # Đất đai
    ("so do", "giay chung nhan quyen su dung dat", 0.6),
    ("so hong", "giay chung nhan quyen su dung dat", 0.6),
    ("bia do", "giay chung nhan quyen su dung dat", 0.6),
    ("bang khoan", "giay chung nhan quyen su dung dat", 0.6),
    ("sang ten", "ky bien dong chuyen nhuong dat", 2.0),
    ("tach so", "tach thua dat", 2.0),
    ("tho cu", "chuyen muc dich su dung dat", 1.5),
    ("dat vuon", "chuyen muc dich su dung dat", 1.0),
    ("tranh chap", "hoa giai tranh chap dat", 1.5),
    ("hang xom", "tranh chap", 1.0),
    ("ranh gioi", "tranh chap dat", 1.0),
    ("nha dat", "dat dai", 1.0),
    ("mieng dat", "dat dai", 1.0),
    ("dat", "dat dai", 1.0),
    # Xây dựng
    ("sua nha", "giay phep sua chua cai tao nha o", 2.0),
    ("xay nha", "giay phep xay dung nha o", 2.0),
    ("lam nha", "giay phep xay dung nha o", 2.0),
    ("nang tang", "giay phep xay dung sua chua cai tao", 1.5),
    ("tang lau", "giay phep xay dung", 1.5),
    ("xin phep", "giay phep", 1.0),
    ("cap phep", "giay phep", 1.0),
    # Hộ kinh doanh
    ("mo quan", "ky thanh lap ho kinh doanh", 2.0),
    ("quan an", "ho kinh doanh", 1.5),
    ("tiem", "ho kinh doanh", 1.5),
    ("tap hoa", "ho kinh doanh", 1.5),
    ("buon ban", "kinh doanh", 2.0),
    ("ban hang", "kinh doanh", 1.5),
    ("cua hang", "kinh doanh", 1.5),
    ("sap", "kinh doanh", 1.0),
    ("ca phe", "kinh doanh", 1.0),
    ("giay phep kinh doanh", "ky ho kinh doanh", 2.0),
    ("ca the", "ho kinh doanh", 1.5),
    ("nghi ban", "tam ngung kinh doanh", 2.0),
    ("tam nghi", "tam ngung", 1.5),
    ("dong cua", "cham dut", 1.5),
    ("dia chi kinh doanh", "thay doi noi dung", 1.0),
    # Bảo trợ xã hội, trẻ em
    ("nguoi gia", "nguoi cao tuoi", 2.0),
    ("tan tat", "khuyet tat", 2.0),
    ("tat nguyen", "khuyet tat", 2.0),
    ("tien tro cap", "tro cap xa hoi", 1.0),
    ("mai tang phi", "chi phi mai tang", 1.0),
    # Người có công
    ("nguoi co cong", "nguoi co cong", 1.5),
    ("cuu chien binh", "nguoi co cong", 1.5),
    ("ba me viet nam anh hung", "nguoi co cong", 2.0),
    ("boc mo", "di chuyen hai cot liet si", 2.0),
    ("cat boc", "di chuyen hai cot liet si", 2.0),
    ("liet si", "liet si nguoi co cong", 1.0),
    # Nội vụ
    ("dinh lang", "tin nguong le hoi", 1.5),
    ("chua", "ton giao tin nguong", 1.0),
    ("nha tho", "ton giao", 1.5),
    ("giay khen", "khen thuong", 1.0),
    # Giáo dục
    ("cap 1", "tieu hoc", 1.5),
    ("cap 2", "trung hoc co so", 1.5),
    ("tu thuc", "nhom tre lop mau giao doc lap", 1.0),
    ("hoc phi", "mien giam hoc phi", 1.0),
)
