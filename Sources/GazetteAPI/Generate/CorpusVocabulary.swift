/// The words, names and places a generated corpus is made of, as plain text. Built around the seed
/// report (Báo Sơn La, 21 March 2025): its border gates, ministries, positions and phrases, widened
/// to the other border and mountain provinces so that searches find some articles, not all.
///
/// Everything is in arrays, never read out of a dictionary in iteration order, so the corpus is
/// the same on every run.
enum CorpusVocabulary {
    /// A neighbouring country, in Vietnamese and English.
    struct Country: Sendable {
        let name: String
        let nameEn: String
    }

    static let laos = Country(name: "Lào", nameEn: "Laos")
    static let china = Country(name: "Trung Quốc", nameEn: "China")
    static let cambodia = Country(name: "Campuchia", nameEn: "Cambodia")

    /// A border gate and the gate facing it across the border.
    struct Gate: Sendable {
        let name: String
        /// "cửa khẩu quốc tế", "cửa khẩu chính" or "cửa khẩu phụ".
        let kind: String
        let kindEn: String
        let partner: String
    }

    struct Province: Sendable {
        let name: String
        let newspaper: String
        let domain: String
        let districts: [String]
        let gates: [Gate]
        /// Provinces across the border (empty for inland provinces).
        let partners: [String]
        let country: Country?
        let roads: [String]
        /// Names from `crops`.
        let crops: [String]
        /// Names from `festivals`.
        let ethnicGroups: [String]
    }

    private static func international(_ name: String, _ partner: String) -> Gate {
        Gate(name: name, kind: "cửa khẩu quốc tế", kindEn: "international border gate", partner: partner)
    }

    private static func main(_ name: String, _ partner: String) -> Gate {
        Gate(name: name, kind: "cửa khẩu chính", kindEn: "main border gate", partner: partner)
    }

    static let provinces: [Province] = [
        Province(name: "Sơn La", newspaper: "Báo Sơn La", domain: "baosonla.org.vn",
                 districts: ["Mộc Châu", "Mai Sơn", "Sông Mã", "Yên Châu", "Thuận Châu", "Sốp Cộp", "Quỳnh Nhai", "Phù Yên"],
                 gates: [main("Chiềng Khương", "Bản Đán"), international("Lóng Sập", "Pa Háng")],
                 partners: ["Hủa Phăn", "Luông Pha Băng"], country: laos, roads: ["6", "4G", "37", "279"],
                 crops: ["cà phê", "xoài", "nhãn", "mận hậu", "chanh leo", "chè"],
                 ethnicGroups: ["Thái", "Mông", "Mường", "Dao", "Khơ Mú"]),
        Province(name: "Điện Biên", newspaper: "Báo Điện Biên Phủ", domain: "baodienbienphu.info.vn",
                 districts: ["Mường Nhé", "Điện Biên Đông", "Tuần Giáo", "Mường Chà", "Nậm Pồ", "Mường Ảng", "Tủa Chùa"],
                 gates: [international("Tây Trang", "Pang Hốc"), main("Huổi Puốc", "Na Son")],
                 partners: ["Phông Sa Lỳ", "Luông Pha Băng", "U Đôm Xay"], country: laos, roads: ["12", "279", "4H", "6"],
                 crops: ["cà phê", "mắc ca", "lúa", "chè", "sơn tra"],
                 ethnicGroups: ["Thái", "Mông", "Khơ Mú", "Dao", "Hà Nhì"]),
        Province(name: "Lai Châu", newspaper: "Báo Lai Châu", domain: "baolaichau.vn",
                 districts: ["Phong Thổ", "Sìn Hồ", "Tam Đường", "Than Uyên", "Mường Tè", "Nậm Nhùn", "Tân Uyên"],
                 gates: [main("Ma Lù Thàng", "Kim Thủy Hà")],
                 partners: ["Vân Nam"], country: china, roads: ["4D", "12", "32", "279"],
                 crops: ["chè", "mắc ca", "thảo quả", "lúa"],
                 ethnicGroups: ["Thái", "Mông", "Dao", "Hà Nhì", "Giáy"]),
        Province(name: "Lào Cai", newspaper: "Báo Lào Cai", domain: "baolaocai.vn",
                 districts: ["Sa Pa", "Bát Xát", "Bắc Hà", "Mường Khương", "Si Ma Cai", "Bảo Thắng", "Văn Bàn"],
                 gates: [international("Lào Cai", "Hà Khẩu"), main("Mường Khương", "Kiều Đầu")],
                 partners: ["Vân Nam"], country: china, roads: ["4D", "70", "4E", "279"],
                 crops: ["chuối", "dứa", "chè", "quế", "thảo quả"],
                 ethnicGroups: ["Mông", "Dao", "Tày", "Giáy", "Nùng"]),
        Province(name: "Hà Giang", newspaper: "Báo Hà Giang", domain: "baohagiang.vn",
                 districts: ["Đồng Văn", "Mèo Vạc", "Yên Minh", "Quản Bạ", "Vị Xuyên", "Hoàng Su Phì", "Xín Mần"],
                 gates: [international("Thanh Thủy", "Thiên Bảo"), main("Xín Mần", "Đô Long")],
                 partners: ["Vân Nam"], country: china, roads: ["2", "4C", "34", "279"],
                 crops: ["cam sành", "chè Shan tuyết", "thảo quả", "ngô"],
                 ethnicGroups: ["Mông", "Tày", "Dao", "Lô Lô", "Nùng"]),
        Province(name: "Cao Bằng", newspaper: "Báo Cao Bằng", domain: "baocaobang.vn",
                 districts: ["Trùng Khánh", "Hà Quảng", "Bảo Lạc", "Quảng Hòa", "Thạch An", "Nguyên Bình"],
                 gates: [international("Trà Lĩnh", "Long Bang"), main("Tà Lùng", "Thủy Khẩu")],
                 partners: ["Quảng Tây"], country: china, roads: ["3", "4A", "34"],
                 crops: ["hạt dẻ", "thuốc lá", "lúa", "chè"],
                 ethnicGroups: ["Tày", "Nùng", "Mông", "Dao"]),
        Province(name: "Lạng Sơn", newspaper: "Báo Lạng Sơn", domain: "baolangson.vn",
                 districts: ["Cao Lộc", "Văn Lãng", "Tràng Định", "Lộc Bình", "Đình Lập", "Chi Lăng"],
                 gates: [international("Hữu Nghị", "Hữu Nghị Quan"), main("Chi Ma", "Ái Điểm"), main("Tân Thanh", "Pò Chài")],
                 partners: ["Quảng Tây"], country: china, roads: ["1A", "4B", "279", "3B"],
                 crops: ["na", "hồi", "hồng không hạt", "thạch đen"],
                 ethnicGroups: ["Tày", "Nùng", "Dao"]),
        Province(name: "Quảng Ninh", newspaper: "Báo Quảng Ninh", domain: "baoquangninh.vn",
                 districts: ["Hải Hà", "Bình Liêu", "Tiên Yên", "Đầm Hà", "Ba Chẽ", "Vân Đồn"],
                 gates: [international("Móng Cái", "Đông Hưng"), main("Bắc Phong Sinh", "Lý Hỏa"), main("Hoành Mô", "Động Trung")],
                 partners: ["Quảng Tây"], country: china, roads: ["18", "4B", "18C"],
                 crops: ["chè", "quế", "hồi", "ba kích"],
                 ethnicGroups: ["Dao", "Tày", "Sán Dìu", "Sán Chỉ"]),
        Province(name: "Thanh Hóa", newspaper: "Báo Thanh Hóa", domain: "baothanhhoa.vn",
                 districts: ["Quan Sơn", "Mường Lát", "Bá Thước", "Quan Hóa", "Lang Chánh", "Thường Xuân"],
                 gates: [international("Na Mèo", "Nậm Xôi"), main("Tén Tằn", "Sổm Vẳng")],
                 partners: ["Hủa Phăn"], country: laos, roads: ["217", "15C", "47"],
                 crops: ["mía", "luồng", "cam", "lúa"],
                 ethnicGroups: ["Thái", "Mường", "Mông", "Dao"]),
        Province(name: "Nghệ An", newspaper: "Báo Nghệ An", domain: "baonghean.vn",
                 districts: ["Kỳ Sơn", "Tương Dương", "Quế Phong", "Con Cuông", "Anh Sơn", "Thanh Chương"],
                 gates: [international("Nậm Cắn", "Nậm Khán"), main("Thanh Thủy", "Nậm On")],
                 partners: ["Xiêng Khoảng", "Hủa Phăn", "Bô Ly Khăm Xay"], country: laos, roads: ["7", "48", "46"],
                 crops: ["cam", "chè", "mía", "lạc"],
                 ethnicGroups: ["Thái", "Mông", "Khơ Mú", "Ơ Đu"]),
        Province(name: "Hà Tĩnh", newspaper: "Báo Hà Tĩnh", domain: "baohatinh.vn",
                 districts: ["Hương Sơn", "Hương Khê", "Vũ Quang"],
                 gates: [international("Cầu Treo", "Nậm Phao")],
                 partners: ["Bô Ly Khăm Xay", "Khăm Muộn"], country: laos, roads: ["8", "15"],
                 crops: ["bưởi Phúc Trạch", "cam", "chè"],
                 ethnicGroups: ["Chứt"]),
        Province(name: "Quảng Bình", newspaper: "Báo Quảng Bình", domain: "baoquangbinh.vn",
                 districts: ["Minh Hóa", "Bố Trạch", "Tuyên Hóa", "Lệ Thủy"],
                 gates: [international("Cha Lo", "Na Phàu")],
                 partners: ["Khăm Muộn"], country: laos, roads: ["12A", "9B"],
                 crops: ["hồ tiêu", "cao su", "lúa"],
                 ethnicGroups: ["Bru - Vân Kiều", "Chứt"]),
        Province(name: "Quảng Trị", newspaper: "Báo Quảng Trị", domain: "baoquangtri.vn",
                 districts: ["Hướng Hóa", "Đakrông", "Gio Linh", "Vĩnh Linh"],
                 gates: [international("Lao Bảo", "Đen Sa Vẳn"), international("La Lay", "La Lay")],
                 partners: ["Sa Văn Na Khẹt", "Sả Lả Văn"], country: laos, roads: ["9", "15D"],
                 crops: ["cà phê", "hồ tiêu", "chuối"],
                 ethnicGroups: ["Bru - Vân Kiều", "Pa Cô"]),
        Province(name: "Kon Tum", newspaper: "Báo Kon Tum", domain: "baokontum.com.vn",
                 districts: ["Ngọc Hồi", "Đăk Glei", "Sa Thầy", "Kon Plông", "Đăk Tô"],
                 gates: [international("Bờ Y", "Phu Cưa")],
                 partners: ["Át Tạ Pư"], country: laos, roads: ["40", "14", "24"],
                 crops: ["sâm Ngọc Linh", "cà phê", "cao su", "mì"],
                 ethnicGroups: ["Xơ Đăng", "Ba Na", "Gia Rai", "Giẻ Triêng"]),
        Province(name: "Gia Lai", newspaper: "Báo Gia Lai", domain: "baogialai.com.vn",
                 districts: ["Đức Cơ", "Chư Prông", "Ia Grai", "Chư Sê", "Mang Yang"],
                 gates: [international("Lệ Thanh", "Oyadav")],
                 partners: ["Ra-ta-na-ki-ri"], country: cambodia, roads: ["19", "14", "25"],
                 crops: ["cà phê", "hồ tiêu", "chanh leo", "sầu riêng"],
                 ethnicGroups: ["Gia Rai", "Ba Na"]),
        Province(name: "Đắk Lắk", newspaper: "Báo Đắk Lắk", domain: "baodaklak.vn",
                 districts: ["Buôn Đôn", "Ea Súp", "Krông Pắc", "Cư M'gar"],
                 gates: [main("Đắk Ruê", "Chi Miết")],
                 partners: ["Môn-đun-ki-ri"], country: cambodia, roads: ["14", "26", "27"],
                 crops: ["cà phê", "hồ tiêu", "sầu riêng", "ca cao"],
                 ethnicGroups: ["Ê Đê", "M'nông", "Gia Rai"]),
        Province(name: "Đắk Nông", newspaper: "Báo Đắk Nông", domain: "baodaknong.vn",
                 districts: ["Tuy Đức", "Đắk Mil", "Cư Jút", "Đắk Song"],
                 gates: [main("Bu Prăng", "Đăk Dam")],
                 partners: ["Môn-đun-ki-ri"], country: cambodia, roads: ["14", "14C", "28"],
                 crops: ["cà phê", "hồ tiêu", "mắc ca"],
                 ethnicGroups: ["M'nông", "Ê Đê", "Mạ"]),
        Province(name: "Bình Phước", newspaper: "Báo Bình Phước", domain: "baobinhphuoc.com.vn",
                 districts: ["Lộc Ninh", "Bù Gia Mập", "Bù Đốp", "Hớn Quản"],
                 gates: [international("Hoa Lư", "Trapeang Sre")],
                 partners: ["Kra-chê", "Tbong Khmum"], country: cambodia, roads: ["13", "14"],
                 crops: ["điều", "cao su", "hồ tiêu"],
                 ethnicGroups: ["Xtiêng", "Khmer", "M'nông"]),
        Province(name: "Tây Ninh", newspaper: "Báo Tây Ninh", domain: "baotayninh.vn",
                 districts: ["Bến Cầu", "Tân Biên", "Châu Thành", "Tân Châu"],
                 gates: [international("Mộc Bài", "Bà Vẹt"), international("Xa Mát", "Trapeang Phlong")],
                 partners: ["Svây Riêng", "Tbong Khmum"], country: cambodia, roads: ["22", "22B"],
                 crops: ["mãng cầu", "mì", "mía", "cao su"],
                 ethnicGroups: ["Khmer", "Chăm"]),
        Province(name: "Long An", newspaper: "Báo Long An", domain: "baolongan.vn",
                 districts: ["Đức Huệ", "Tân Hưng", "Vĩnh Hưng", "Thạnh Hóa"],
                 gates: [international("Bình Hiệp", "Prây Vo")],
                 partners: ["Svây Riêng"], country: cambodia, roads: ["62", "N1"],
                 crops: ["lúa", "thanh long", "chanh"],
                 ethnicGroups: ["Khmer"]),
        Province(name: "Đồng Tháp", newspaper: "Báo Đồng Tháp", domain: "baodongthap.vn",
                 districts: ["Hồng Ngự", "Tân Hồng", "Tam Nông", "Tháp Mười"],
                 gates: [international("Thường Phước", "Cóc Rô-ca"), main("Dinh Bà", "Bon Tia Chăk Crây")],
                 partners: ["Prây Veng"], country: cambodia, roads: ["30", "N2"],
                 crops: ["lúa", "xoài", "sen"],
                 ethnicGroups: ["Khmer"]),
        Province(name: "An Giang", newspaper: "Báo An Giang", domain: "baoangiang.com.vn",
                 districts: ["An Phú", "Tịnh Biên", "Tri Tôn", "Châu Phú"],
                 gates: [international("Tịnh Biên", "Phnôm Đơn"), international("Vĩnh Xương", "Ca-om Samno")],
                 partners: ["Ta Keo", "Kan Đan"], country: cambodia, roads: ["91", "N1"],
                 crops: ["lúa", "xoài", "thốt nốt"],
                 ethnicGroups: ["Khmer", "Chăm"]),
        Province(name: "Kiên Giang", newspaper: "Báo Kiên Giang", domain: "baokiengiang.vn",
                 districts: ["Giang Thành", "Kiên Lương", "Hòn Đất"],
                 gates: [international("Hà Tiên", "Prek Chak")],
                 partners: ["Cam Pốt", "Kép"], country: cambodia, roads: ["80", "N1"],
                 crops: ["lúa", "hồ tiêu", "khóm"],
                 ethnicGroups: ["Khmer"]),
        Province(name: "Yên Bái", newspaper: "Báo Yên Bái", domain: "baoyenbai.com.vn",
                 districts: ["Mù Cang Chải", "Văn Chấn", "Trạm Tấu", "Lục Yên", "Văn Yên"],
                 gates: [], partners: [], country: nil, roads: ["32", "37", "70"],
                 crops: ["quế", "chè Shan tuyết", "lúa"],
                 ethnicGroups: ["Mông", "Thái", "Dao", "Tày"]),
        Province(name: "Hòa Bình", newspaper: "Báo Hòa Bình", domain: "baohoabinh.com.vn",
                 districts: ["Mai Châu", "Lạc Sơn", "Đà Bắc", "Tân Lạc", "Cao Phong"],
                 gates: [], partners: [], country: nil, roads: ["6", "12B", "15"],
                 crops: ["cam", "bưởi", "mía"],
                 ethnicGroups: ["Mường", "Thái", "Dao"]),
        Province(name: "Tuyên Quang", newspaper: "Báo Tuyên Quang", domain: "baotuyenquang.com.vn",
                 districts: ["Na Hang", "Lâm Bình", "Chiêm Hóa", "Hàm Yên"],
                 gates: [], partners: [], country: nil, roads: ["2", "37", "279"],
                 crops: ["cam sành", "chè", "bưởi"],
                 ethnicGroups: ["Tày", "Dao", "Mông"]),
        Province(name: "Bắc Kạn", newspaper: "Báo Bắc Kạn", domain: "baobackan.vn",
                 districts: ["Ba Bể", "Pác Nặm", "Ngân Sơn", "Chợ Đồn"],
                 gates: [], partners: [], country: nil, roads: ["3", "3B", "279"],
                 crops: ["hồng không hạt", "quýt", "chè"],
                 ethnicGroups: ["Tày", "Dao", "Nùng", "Mông"]),
        Province(name: "Thái Nguyên", newspaper: "Báo Thái Nguyên", domain: "baothainguyen.vn",
                 districts: ["Đại Từ", "Định Hóa", "Võ Nhai", "Phú Lương"],
                 gates: [], partners: [], country: nil, roads: ["3", "37", "17"],
                 crops: ["chè", "lúa", "na"],
                 ethnicGroups: ["Tày", "Nùng", "Dao", "Sán Dìu"]),
        Province(name: "Phú Thọ", newspaper: "Báo Phú Thọ", domain: "baophutho.vn",
                 districts: ["Tân Sơn", "Thanh Sơn", "Yên Lập", "Cẩm Khê"],
                 gates: [], partners: [], country: nil, roads: ["2", "32", "70B"],
                 crops: ["chè", "bưởi", "lúa"],
                 ethnicGroups: ["Mường", "Dao"]),
        Province(name: "Lâm Đồng", newspaper: "Báo Lâm Đồng", domain: "baolamdong.vn",
                 districts: ["Đơn Dương", "Lạc Dương", "Di Linh", "Bảo Lâm"],
                 gates: [], partners: [], country: nil, roads: ["20", "27", "28"],
                 crops: ["cà phê", "chè", "rau", "hoa"],
                 ethnicGroups: ["K'Ho", "Mạ", "Chu Ru"]),
    ]

    /// Crops and produce, with their English names (for projects' `nameEn`).
    static let crops: [(name: String, nameEn: String)] = [
        ("cà phê", "coffee"), ("xoài", "mango"), ("nhãn", "longan"), ("mận hậu", "Hậu plum"),
        ("chanh leo", "passion fruit"), ("chè", "tea"), ("mắc ca", "macadamia"), ("lúa", "rice"),
        ("sơn tra", "Docynia fruit"), ("thảo quả", "black cardamom"), ("chuối", "banana"), ("dứa", "pineapple"),
        ("quế", "cinnamon"), ("cam sành", "King orange"), ("chè Shan tuyết", "Shan Tuyết tea"), ("ngô", "maize"),
        ("hạt dẻ", "chestnut"), ("thuốc lá", "tobacco"), ("na", "custard apple"), ("hồi", "star anise"),
        ("hồng không hạt", "seedless persimmon"), ("thạch đen", "black grass jelly"), ("ba kích", "morinda root"),
        ("mía", "sugarcane"), ("luồng", "luồng bamboo"), ("cam", "orange"), ("lạc", "peanut"),
        ("bưởi Phúc Trạch", "Phúc Trạch pomelo"), ("hồ tiêu", "black pepper"), ("cao su", "rubber"),
        ("sâm Ngọc Linh", "Ngọc Linh ginseng"), ("mì", "cassava"), ("sầu riêng", "durian"), ("ca cao", "cocoa"),
        ("điều", "cashew"), ("mãng cầu", "sugar apple"), ("thanh long", "dragon fruit"), ("chanh", "lime"),
        ("sen", "lotus"), ("thốt nốt", "palmyra palm"), ("khóm", "pineapple"), ("bưởi", "pomelo"),
        ("quýt", "mandarin"), ("rau", "vegetable"), ("hoa", "flower"),
    ]

    /// Festivals by ethnic group ("lễ hội" of the group named in `provinces`).
    static let festivals: [(group: String, festival: String)] = [
        ("Thái", "Lễ hội Xên bản, Xên mường"), ("Thái", "Lễ hội Hoa ban"), ("Mông", "Lễ hội Gầu Tào"),
        ("Mường", "Lễ hội Khai hạ"), ("Dao", "Lễ cấp sắc"), ("Khơ Mú", "Lễ hội Mạ Ngăm"), ("Hà Nhì", "Lễ hội Gạ Ma Thú"),
        ("Giáy", "Lễ hội Roóng Poọc"), ("Tày", "Lễ hội Lồng tồng"), ("Nùng", "Lễ hội Lồng tồng"), ("Lô Lô", "Lễ cúng tổ tiên"),
        ("Sán Dìu", "Lễ hội Soóng cô"), ("Sán Chỉ", "Lễ hội Soóng cọ"), ("Ơ Đu", "Lễ hội Mừng sấm"),
        ("Chứt", "Lễ hội Đập trống"), ("Bru - Vân Kiều", "Lễ hội Ariêu ping"), ("Pa Cô", "Lễ hội A Riêu Car"),
        ("Xơ Đăng", "Lễ mừng lúa mới"), ("Ba Na", "Lễ hội Cồng chiêng"), ("Gia Rai", "Lễ hội Cồng chiêng"),
        ("Giẻ Triêng", "Lễ mừng lúa mới"), ("Ê Đê", "Lễ hội Cồng chiêng"), ("M'nông", "Lễ cúng bến nước"),
        ("Mạ", "Lễ mừng lúa mới"), ("Xtiêng", "Lễ hội Cầu mưa"), ("Khmer", "Lễ hội Ok Om Bok"),
        ("Chăm", "Lễ hội Katê"), ("K'Ho", "Lễ mừng lúa mới"), ("Chu Ru", "Lễ cúng bến nước"),
    ]

    /// Central bodies, in Vietnamese and English.
    static let ministries: [(name: String, nameEn: String)] = [
        ("Bộ Ngoại giao", "Ministry of Foreign Affairs"),
        ("Bộ Công Thương", "Ministry of Industry and Trade"),
        ("Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"),
        ("Bộ Nông nghiệp và Phát triển nông thôn", "Ministry of Agriculture and Rural Development"),
        ("Bộ Giao thông vận tải", "Ministry of Transport"),
        ("Bộ Tài chính", "Ministry of Finance"),
        ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
        ("Bộ Tài nguyên và Môi trường", "Ministry of Natural Resources and Environment"),
        ("Bộ Giáo dục và Đào tạo", "Ministry of Education and Training"),
        ("Bộ Quốc phòng", "Ministry of National Defence"),
    ]

    /// Positions at a ministry: title and English title.
    static let ministryPositions: [(title: String, titleEn: String)] = [
        ("Bộ trưởng", "Minister"), ("Thứ trưởng", "Deputy Minister"), ("Thứ trưởng Thường trực", "Standing Deputy Minister"),
        ("Thứ trưởng", "Deputy Minister"),
    ]

    /// `text` with each `{name}` replaced by `value(name)`. A plain scan: it runs for every official
    /// and project, and `replacing(_:with:)` builds a search table at each call.
    static func fill(_ text: String, _ value: (Substring) -> String) -> String {
        // Over UTF-8: the braces are ASCII, and Characters would cost a grapheme check each.
        let utf8 = text.utf8
        var result = ""
        var start = utf8.startIndex
        while let open = utf8[start...].firstIndex(of: UInt8(ascii: "{")),
              let close = utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            result += text[start..<open]
            result += value(text[utf8.index(after: open)..<close])
            start = utf8.index(after: close)
        }
        return result + text[start...]
    }

    /// Provincial positions. `{province}` and `{district}` are filled in; the English organization
    /// keeps the Vietnamese place name, as the seed dataset does.
    static let provincialPositions: [(title: String, titleEn: String, organization: String, organizationEn: String)] = [
        ("Chủ tịch", "Chairman", "UBND tỉnh {province}", "{province} Provincial People's Committee"),
        ("Phó Chủ tịch", "Vice Chairman", "UBND tỉnh {province}", "{province} Provincial People's Committee"),
        ("Phó Chủ tịch", "Vice Chairman", "UBND tỉnh {province}", "{province} Provincial People's Committee"),
        ("Bí thư", "Secretary", "Tỉnh ủy {province}", "{province} Provincial Party Committee"),
        ("Phó Bí thư", "Deputy Secretary", "Tỉnh ủy {province}", "{province} Provincial Party Committee"),
        ("Chủ tịch", "Chairman", "HĐND tỉnh {province}", "{province} Provincial People's Council"),
        ("Giám đốc", "Director", "Sở Ngoại vụ tỉnh {province}", "{province} Department of Foreign Affairs"),
        ("Giám đốc", "Director", "Sở Công Thương tỉnh {province}", "{province} Department of Industry and Trade"),
        ("Giám đốc", "Director", "Sở Nông nghiệp và Phát triển nông thôn tỉnh {province}",
         "{province} Department of Agriculture and Rural Development"),
        ("Giám đốc", "Director", "Sở Kế hoạch và Đầu tư tỉnh {province}", "{province} Department of Planning and Investment"),
        ("Giám đốc", "Director", "Sở Giao thông vận tải tỉnh {province}", "{province} Department of Transport"),
        ("Giám đốc", "Director", "Sở Văn hóa, Thể thao và Du lịch tỉnh {province}",
         "{province} Department of Culture, Sports and Tourism"),
        ("Chỉ huy trưởng", "Commander", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh {province}", "{province} Border Guard Command"),
        ("Chủ tịch", "Chairman", "UBND huyện {district}", "{district} District People's Committee"),
        ("Bí thư", "Secretary", "Huyện ủy {district}", "{district} District Party Committee"),
    ]

    /// Surnames, the common ones more than once, with Thái, Mông and Tày names of the north-west.
    static let surnames = [
        "Nguyễn", "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Phạm", "Hoàng", "Huỳnh", "Phan",
        "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Lò", "Cầm", "Quàng", "Lường", "Hà",
        "Giàng", "Sùng", "Vàng", "Thào", "Nông", "Lục", "Triệu", "Mùa",
    ]

    static let middleNames = ["Văn", "Văn", "Minh", "Đình", "Ngọc", "Thành", "Hữu", "Đức", "Quang", "Thanh", "Xuân", "Hồng", "Anh", "Tiến", "Mạnh"]
    static let femaleMiddleNames = ["Thị", "Thị", "Thu", "Thanh", "Ngọc", "Hồng"]
    static let givenNames = [
        "Vũ", "Việt", "Hậu", "Công", "Hùng", "Dũng", "Hải", "Tuấn", "Nam", "Sơn", "Long", "Phong", "Thắng", "Bình",
        "Hòa", "Trung", "Khánh", "Quân", "Đạt", "Cường", "Tâm", "Chiến", "Thành", "Lợi", "Minh", "Huy", "Kiên",
        "Tùng", "Toản", "Quyết", "Định", "Sinh", "Pấu", "Chứ", "Khoa",
    ]
    static let femaleGivenNames = ["Lan", "Hương", "Mai", "Thảo", "Hạnh", "Linh", "Hà", "Nga", "Yến", "Thủy", "Hằng", "Phương", "Dung"]

    /// Bylines: reporters sign with two or three words.
    static let bylines = [
        "Huy Thành", "Minh Thu", "Thanh Hà", "Quang Minh", "Ngọc Anh", "Văn Ngọc", "Thu Trang", "Lò Hương", "Hoàng Long",
        "Đức Anh", "Mai Phương", "Tuấn Anh", "Cầm Hoa", "Phạm Hằng", "Quỳnh Anh", "Hồng Nhung", "Lê Lan", "Trung Kiên",
        "Thành Vinh", "Bích Ngọc", "Văn Chương", "Thảo Nguyên", "Tiến Dũng", "Hải Yến", "Duy Khánh", "Minh Hạnh",
    ]

    /// National papers, for the reports not carried by a provincial one.
    static let nationalSources: [(name: String, domain: String)] = [
        ("Báo Nhân Dân", "nhandan.vn"), ("Báo Chính phủ", "baochinhphu.vn"), ("Báo Tin tức", "baotintuc.vn"),
        ("Báo Quân đội nhân dân", "qdnd.vn"), ("Báo Dân tộc và Phát triển", "baodantoc.vn"),
    ]

    static let holidays = ["Tết Nguyên đán", "nghỉ lễ 30/4 - 1/5", "nghỉ lễ Quốc khánh 2/9", "Tết Dương lịch", "hè"]

    /// What a province shows investors; each names one kind of project.
    static let sectors = [
        "nông nghiệp công nghệ cao", "du lịch nghỉ dưỡng", "năng lượng tái tạo", "chế biến nông sản", "logistics",
        "thương mại, dịch vụ", "trồng và chế biến dược liệu", "công nghiệp chế biến",
    ]

    /// The seed's border-gate components, for border-gate projects.
    static let gateComponents = [
        "Khu trạm kiểm soát liên hợp cửa khẩu", "khu kiểm tra, giám sát hải quan", "khu kiểm dịch",
        "bãi kiểm hóa, bãi hạ tải hàng hóa", "khu bãi đỗ phương tiện xuất nhập cảnh, xuất nhập khẩu",
        "hệ thống giao thông nội bộ và hạ tầng kỹ thuật", "các công trình phục vụ quản lý, điều hành tại cửa khẩu",
    ]

    static let roadComponents = [
        "nền, mặt đường", "cầu, cống thoát nước", "hệ thống an toàn giao thông", "rãnh dọc, tường chắn", "điện chiếu sáng",
    ]

    /// The seed's scheme objectives, for development schemes.
    static let schemeObjectives = [
        "phát triển khu vực biên giới tỉnh {province} trở thành vùng động lực kinh tế",
        "có hệ thống hạ tầng đồng bộ, hiện đại",
        "cơ cấu kinh tế hợp lý",
        "đời sống nhân dân được nâng cao",
        "quốc phòng - an ninh được giữ vững",
        "từng bước hình thành cực tăng trưởng mới gắn với hành lang kinh tế Việt Nam - {country}",
    ]

    /// Real documents a scheme may rest on, with the year from which citing them makes sense.
    static let legalDocuments: [(document: String, issuedOn: String, issuer: String, subject: String, subjectEn: String)] = [
        ("Quyết định số 1719/QĐ-TTg", "2021-10-14", "Thủ tướng Chính phủ",
         "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2030",
         "National target programme for the socio-economic development of ethnic minority and mountainous areas, 2021–2030"),
        ("Nghị quyết số 11-NQ/TW", "2022-02-10", "Bộ Chính trị",
         "phương hướng phát triển kinh tế - xã hội, bảo đảm quốc phòng, an ninh vùng trung du và miền núi Bắc Bộ",
         "socio-economic development, defence and security of the Northern midlands and mountains"),
        ("Nghị quyết số 59-NQ/TW", "2025-01-24", "Bộ Chính trị",
         "hội nhập quốc tế trong tình hình mới", "international integration in the new situation"),
    ]
}
