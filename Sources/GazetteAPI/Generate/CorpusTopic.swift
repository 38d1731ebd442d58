/// What a generated article is about: its headlines, lead paragraphs, sentences, photo captions and
/// tags, as templates with `{slots}` (see `CorpusTemplate`), and the kind of project it links to.
///
/// Each topic keeps its own key words: "cửa khẩu" and "xuất khẩu" only where trade crosses the
/// border, "biên giới" only in border topics, "kinh tế" only in economic ones, so that a folded
/// search such as `q=cua khau` finds a realistic share of the articles rather than all of them (a
/// term matches any word it starts, so "khau" also finds "xuất khẩu", and "bien" finds "chế biến").
struct CorpusTopic: Sendable {
    /// Which provinces the topic can be about.
    enum Scope: Sendable {
        case anyProvince
        /// Provinces with a border gate.
        case borderGate
    }

    let name: String
    /// Relative frequency among articles.
    let weight: Int
    let scope: Scope
    /// The site section of the source URL.
    let section: String
    /// A `ProjectSchema.categories` value: the articles link to projects of this kind first.
    let projectCategory: String
    let tags: [String]
    let titles: [String]
    let leads: [String]
    let sentences: [String]
    let captions: [String]

    /// Sentences any topic may close with: the seed's ceremonial phrases, free of every topic's key words.
    static let closings = [
        "Phát biểu tại buổi làm việc, {official} ghi nhận những kết quả tỉnh {province} đạt được và đề nghị các sở, ngành tiếp tục phối hợp chặt chẽ, tháo gỡ khó khăn, vướng mắc.",
        "Thay mặt tỉnh {province}, {otherOfficial} cảm ơn sự quan tâm, giúp đỡ của các bộ, ngành Trung ương đối với tỉnh trong thời gian qua.",
        "Đối với những kiến nghị của địa phương, Đoàn công tác sẽ tổng hợp gửi các bộ, ngành liên quan xem xét, giải quyết.",
        "Thời gian tới, tỉnh {province} tiếp tục tập trung chỉ đạo, huy động các nguồn lực để hoàn thành các mục tiêu đề ra.",
        "Cùng dự có lãnh đạo các sở, ban, ngành và các doanh nghiệp liên quan.",
        "Dịp này, {otherOfficial} đề nghị các đơn vị bám sát kế hoạch, báo cáo kết quả định kỳ hằng quý.",
    ]

    /// Captions any topic may use.
    static let commonCaptions = [
        "{Official} phát biểu tại buổi làm việc.",
        "Quang cảnh hội nghị.",
        "Các đại biểu dự hội nghị.",
        "{Official} báo cáo tại cuộc làm việc.",
    ]

    static let all: [CorpusTopic] = [
        CorpusTopic(
            name: "ngoại giao kinh tế", weight: 6, scope: .anyProvince, section: "thoi-su-chinh-tri",
            projectCategory: "development-scheme",
            tags: ["ngoại giao kinh tế", "hợp tác quốc tế", "thu hút đầu tư", "{ministry}"],
            titles: [
                "{ministry} làm việc với UBND tỉnh {province} về ngoại giao kinh tế",
                "Đẩy mạnh ngoại giao kinh tế, thu hút đầu tư vào {province}",
                "{province} tăng cường công tác đối ngoại và ngoại giao kinh tế năm {year}",
                "Ngoại giao kinh tế mở đường cho nông sản {province}",
            ],
            leads: [
                "Ngày {day}/{month}, {official} cùng đoàn công tác {ministry} đã làm việc với UBND tỉnh {province} về công tác ngoại giao kinh tế, tình hình hoạt động và định hướng phát triển kinh tế - xã hội của địa phương.",
                "Ngày {day}/{month}, UBND tỉnh {province} tổ chức hội nghị triển khai công tác đối ngoại và ngoại giao kinh tế năm {year}.",
            ],
            sentences: [
                "Tại cuộc làm việc, tỉnh {province} đã giới thiệu tiềm năng đầu tư trong các lĩnh vực {sector}, {sector} và {sector}.",
                "Tỉnh đề nghị {ministry} quan tâm hướng dẫn, hỗ trợ tỉnh thu hút đầu tư, mở rộng thị trường xuất khẩu, từng bước phát huy tiềm năng, thế mạnh của địa phương.",
                "Đồng chí đề nghị tỉnh thực hiện tốt hơn nữa công tác đối ngoại, công tác ngoại giao kinh tế; đẩy mạnh quảng bá lợi thế của địa phương, thu hút đầu tư, thương mại, du lịch.",
                "Năm {year}, tỉnh đã đón tiếp {5-40} đoàn khách quốc tế, ký kết {2-12} biên bản ghi nhớ với các đối tác nước ngoài.",
                "Hiện trên địa bàn tỉnh có {10-90} dự án có vốn đầu tư nước ngoài với tổng vốn đăng ký khoảng {50-900} triệu USD.",
                "Thời gian tới, tỉnh sẽ tiếp tục cải thiện môi trường đầu tư, kinh doanh, tạo thuận lợi tối đa cho các nhà đầu tư.",
            ],
            captions: ["Đoàn công tác {ministry} làm việc với UBND tỉnh {province}."]),
        CorpusTopic(
            name: "cửa khẩu", weight: 3, scope: .borderGate, section: "kinh-te", projectCategory: "border-gate",
            tags: ["cửa khẩu", "biên giới", "xuất nhập khẩu", "{gate}"],
            titles: [
                "Phát triển {gateKind} {gate} theo hướng đồng bộ, hiện đại",
                "{province} đề xuất mở rộng khu vực {gateKind} {gate}",
                "Hàng hóa thông quan qua cửa khẩu {gate} tăng {10-60}%",
                "Nâng cấp hạ tầng {gateKind} {gate}",
                "Cặp cửa khẩu {gate} - {partnerGate} đón hơn {2-40} nghìn lượt người xuất nhập cảnh",
            ],
            leads: [
                "Ngày {day}/{month}, UBND tỉnh {province} tổ chức hội nghị đánh giá tình hình hoạt động tại {gateKind} {gate} và định hướng phát triển khu vực biên giới, cửa khẩu.",
                "Ngày {day}/{month}, {official} đã đi kiểm tra tình hình hoạt động xuất nhập khẩu tại {gateKind} {gate}.",
            ],
            sentences: [
                "Định hướng quy hoạch, đề xuất đầu tư phát triển khu vực {gateKind} {gate} dự kiến có diện tích khoảng {10-60},{10-99} ha, bao gồm khu trạm kiểm soát liên hợp, khu kiểm tra, giám sát hải quan, bãi kiểm hóa và hệ thống giao thông nội bộ.",
                "Mục tiêu là phát triển cửa khẩu {gate} theo hướng đồng bộ, từng bước hiện đại, gắn với phát triển cặp cửa khẩu {gate} (Việt Nam) - {partnerGate} ({country}), bảo đảm tính kết nối giữa hai bên.",
                "Từ đầu năm {year} đến nay, kim ngạch xuất nhập khẩu qua cửa khẩu đạt khoảng {20-900} triệu USD, tăng {5-40}% so với cùng kỳ.",
                "Các lực lượng chức năng tại cửa khẩu đã phối hợp chặt chẽ, tạo thuận lợi cho hoạt động thông quan, xuất nhập cảnh của người và phương tiện.",
                "Tỉnh đề nghị hỗ trợ nguồn lực từ ngân sách Trung ương để đầu tư các công trình hạ tầng tại khu vực cửa khẩu {gate}.",
                "Mặt hàng xuất khẩu chủ yếu là nông sản, trái cây tươi và vật liệu xây dựng; hàng nhập khẩu chủ yếu là máy móc, phân bón.",
            ],
            captions: ["Phương tiện chờ làm thủ tục thông quan tại cửa khẩu {gate}.", "Khu vực {gateKind} {gate}."]),
        CorpusTopic(
            name: "kinh tế biên giới", weight: 2, scope: .borderGate, section: "kinh-te", projectCategory: "development-scheme",
            tags: ["biên giới", "kinh tế biên giới", "đề án"],
            titles: [
                "Xây dựng Đề án phát triển kinh tế khu vực biên giới tỉnh {province}",
                "{province} hướng tới vùng động lực kinh tế khu vực biên giới",
                "Phát triển kinh tế - xã hội vùng biên giới {district}",
            ],
            leads: [
                "Ngày {day}/{month}, UBND tỉnh {province} tổ chức hội nghị góp ý dự thảo Đề án phát triển kinh tế khu vực biên giới giai đoạn {periodStart} - {periodEnd}.",
                "Ngày {day}/{month}, {official} đã làm việc với huyện {district} về tình hình phát triển kinh tế - xã hội khu vực biên giới.",
            ],
            sentences: [
                "Mục tiêu của Đề án là phát triển khu vực biên giới tỉnh {province} trở thành vùng động lực kinh tế, có hệ thống hạ tầng đồng bộ, hiện đại; cơ cấu kinh tế hợp lý; đời sống nhân dân được nâng cao.",
                "Từng bước hình thành cực tăng trưởng mới gắn với hành lang kinh tế Việt Nam - {country}.",
                "Các đại biểu đề nghị làm rõ nguồn lực thực hiện, cơ chế phối hợp giữa các sở, ngành và các huyện biên giới.",
                "Huyện {district} hiện có {3-12} xã biên giới với hơn {2-30} nghìn người, đời sống người dân từng bước được cải thiện.",
                "Quốc phòng - an ninh được giữ vững, quan hệ hữu nghị với các địa phương của {country} được củng cố.",
            ],
            captions: ["Một góc trung tâm huyện biên giới {district}."]),
        CorpusTopic(
            name: "nông nghiệp", weight: 11, scope: .anyProvince, section: "nong-nghiep", projectCategory: "agriculture",
            tags: ["nông nghiệp", "nông sản", "{crop}", "OCOP"],
            titles: [
                "{province} mở rộng vùng trồng {crop} đạt chuẩn",
                "Nâng cao giá trị sản phẩm {crop} {district}",
                "Nông dân {district} thu lãi cao từ {crop}",
                "Đưa {crop} {province} vươn ra thị trường xuất khẩu",
                "Liên kết sản xuất, tiêu thụ {crop} tại {district}",
            ],
            leads: [
                "Những năm gần đây, huyện {district}, tỉnh {province} đã tập trung chuyển đổi cơ cấu cây trồng, phát triển vùng sản xuất {crop} tập trung gắn với tiêu thụ sản phẩm.",
                "Ngày {day}/{month}, Sở Nông nghiệp và Phát triển nông thôn tỉnh {province} tổ chức hội nghị đánh giá kết quả sản xuất {crop} năm {year}.",
            ],
            sentences: [
                "Toàn huyện hiện có khoảng {200-3000} ha {crop}, sản lượng ước đạt {1-40} nghìn tấn mỗi năm.",
                "Nhiều hợp tác xã đã áp dụng quy trình sản xuất theo tiêu chuẩn VietGAP, được cấp mã số vùng trồng.",
                "Sản phẩm được các doanh nghiệp thu mua, sơ chế và chế biến sâu, nâng cao giá trị gia tăng.",
                "Một phần sản lượng đã được các doanh nghiệp đưa sang các thị trường Trung Quốc, Hàn Quốc, Nhật Bản và Liên minh châu Âu.",
                "Tỉnh tiếp tục hỗ trợ người dân về giống, kỹ thuật canh tác và xây dựng thương hiệu sản phẩm OCOP.",
                "Thu nhập của các hộ trồng {crop} đạt từ {80-400} triệu đồng/ha/năm, cao gấp nhiều lần so với trồng ngô, lúa nương.",
            ],
            captions: ["Nông dân {district} thu hoạch {crop}.", "Sản phẩm {crop} được đóng gói, dán tem truy xuất nguồn gốc."]),
        CorpusTopic(
            name: "năng lượng tái tạo", weight: 5, scope: .anyProvince, section: "kinh-te", projectCategory: "renewable-energy",
            tags: ["năng lượng tái tạo", "điện gió", "điện mặt trời", "thủy điện"],
            titles: [
                "{province} thu hút đầu tư các dự án điện gió, điện mặt trời",
                "Đẩy nhanh tiến độ dự án thủy điện tại {district}",
                "Phát triển năng lượng tái tạo gắn với bảo vệ môi trường tại {province}",
            ],
            leads: [
                "Ngày {day}/{month}, {official} đã kiểm tra tiến độ các dự án năng lượng trên địa bàn huyện {district}.",
                "Tỉnh {province} đang tập trung tháo gỡ vướng mắc, đẩy nhanh tiến độ các dự án điện gió, điện mặt trời và thủy điện nhỏ.",
            ],
            sentences: [
                "Tỉnh hiện có {3-40} dự án điện gió, điện mặt trời đăng ký đầu tư với tổng công suất khoảng {100-2000} MW.",
                "Các dự án hoàn thành sẽ góp phần bảo đảm nguồn cung điện, tăng thu ngân sách và tạo việc làm cho lao động địa phương.",
                "Chủ đầu tư cam kết thực hiện đúng các quy định về bảo vệ môi trường, giải phóng mặt bằng và hỗ trợ tái định cư cho người dân.",
                "Sở Công Thương đề nghị các nhà đầu tư đẩy nhanh tiến độ, sớm đưa dự án vào vận hành thương mại.",
                "Trong năm {year}, sản lượng điện phát lên lưới của các nhà máy trên địa bàn đạt khoảng {200-3000} triệu kWh.",
            ],
            captions: ["Công trường dự án năng lượng tại {district}."]),
        CorpusTopic(
            name: "hạ tầng giao thông", weight: 9, scope: .anyProvince, section: "kinh-te", projectCategory: "infrastructure",
            tags: ["hạ tầng giao thông", "đầu tư công", "quốc lộ {road}"],
            titles: [
                "Khởi công dự án nâng cấp quốc lộ {road} đoạn qua {district}",
                "Đầu tư hạ tầng giao thông kết nối {province} với các tỉnh lân cận",
                "{province} đẩy nhanh giải ngân vốn đầu tư công năm {year}",
                "Sớm hoàn thành tuyến đường tới trung tâm các xã vùng cao {district}",
            ],
            leads: [
                "Ngày {day}/{month}, UBND tỉnh {province} tổ chức lễ khởi công dự án cải tạo, nâng cấp quốc lộ {road} đoạn qua huyện {district}.",
                "Ngày {day}/{month}, {official} đã kiểm tra tiến độ thi công các công trình hạ tầng giao thông trọng điểm của tỉnh.",
            ],
            sentences: [
                "Dự án có tổng chiều dài khoảng {10-120} km, tổng mức đầu tư hơn {100-4000} tỷ đồng từ nguồn ngân sách Trung ương và địa phương.",
                "Khi hoàn thành, tuyến đường sẽ rút ngắn thời gian di chuyển, tạo động lực phát triển kinh tế - xã hội cho các huyện vùng cao.",
                "Đến nay, tỉnh đã giải ngân được {30-95}% kế hoạch vốn đầu tư công được giao.",
                "Các nhà thầu huy động tối đa nhân lực, máy móc, thi công ba ca, bảo đảm chất lượng công trình.",
                "Công tác giải phóng mặt bằng cơ bản hoàn thành, người dân đồng thuận bàn giao đất cho dự án.",
            ],
            captions: ["Thi công tuyến quốc lộ {road} qua huyện {district}."]),
        CorpusTopic(
            name: "du lịch", weight: 8, scope: .anyProvince, section: "du-lich", projectCategory: "other",
            tags: ["du lịch", "văn hóa", "du lịch cộng đồng"],
            titles: [
                "{province} đón hơn {20-900} nghìn lượt du khách dịp {holiday}",
                "Phát triển du lịch cộng đồng tại {district}",
                "Đặc sắc {festival} ở {district}",
                "Quảng bá du lịch {province} tới du khách trong và ngoài nước",
            ],
            leads: [
                "Dịp {holiday} năm {year}, các điểm du lịch trên địa bàn tỉnh {province} thu hút đông đảo du khách đến tham quan, trải nghiệm.",
                "Ngày {day}/{month}, Sở Văn hóa, Thể thao và Du lịch tỉnh {province} tổ chức hội nghị xúc tiến du lịch năm {year}.",
            ],
            sentences: [
                "Doanh thu từ hoạt động du lịch ước đạt hơn {50-2000} tỷ đồng, tăng {5-40}% so với cùng kỳ năm trước.",
                "Nhiều bản văn hóa của đồng bào {ethnic} đã trở thành điểm đến hấp dẫn với các homestay, dịch vụ ẩm thực và trải nghiệm nông nghiệp.",
                "Tỉnh chú trọng đào tạo nguồn nhân lực, nâng cao chất lượng dịch vụ và bảo tồn các giá trị văn hóa truyền thống.",
                "Huyện {district} đã hình thành {3-15} điểm du lịch cộng đồng, tạo việc làm cho hàng trăm lao động địa phương.",
            ],
            captions: ["Du khách trải nghiệm tại bản du lịch cộng đồng ở {district}."]),
        CorpusTopic(
            name: "an ninh biên giới", weight: 2, scope: .borderGate, section: "quoc-phong-an-ninh", projectCategory: "other",
            tags: ["biên giới", "quốc phòng - an ninh", "Bộ đội Biên phòng"],
            titles: [
                "Bộ đội Biên phòng tỉnh {province} giữ vững chủ quyền an ninh biên giới",
                "Tuần tra song phương trên tuyến biên giới Việt Nam - {country}",
                "Chung tay xây dựng đường biên giới hòa bình, hữu nghị tại {district}",
            ],
            leads: [
                "Ngày {day}/{month}, Bộ Chỉ huy Bộ đội Biên phòng tỉnh {province} tổ chức hội nghị tổng kết công tác bảo vệ chủ quyền lãnh thổ, an ninh biên giới năm {year}.",
                "Ngày {day}/{month}, {official} đã thăm, làm việc với các đồn biên phòng trên địa bàn huyện {district}.",
            ],
            sentences: [
                "Năm {year}, lực lượng Biên phòng tỉnh đã phối hợp với lực lượng bảo vệ biên giới của {country} tổ chức {5-40} đợt tuần tra song phương, bảo vệ mốc quốc giới.",
                "Cán bộ, chiến sĩ các đồn biên phòng thường xuyên bám địa bàn, giúp đồng bào các dân tộc phát triển sản xuất, ổn định cuộc sống.",
                "Phong trào toàn dân tham gia tự quản đường biên, mốc quốc giới tiếp tục được duy trì hiệu quả.",
                "Hai bên thống nhất xây dựng khu vực biên giới hòa bình, ổn định, hợp tác và phát triển bền vững.",
            ],
            captions: ["Cán bộ, chiến sĩ Biên phòng tuần tra trên tuyến biên giới huyện {district}."]),
        CorpusTopic(
            name: "nông thôn mới", weight: 11, scope: .anyProvince, section: "xa-hoi", projectCategory: "development-scheme",
            tags: ["nông thôn mới", "giảm nghèo", "dân tộc thiểu số"],
            titles: [
                "{district} phấn đấu đạt chuẩn nông thôn mới năm {year}",
                "Hiệu quả chương trình giảm nghèo bền vững ở {district}",
                "{province}: Tỷ lệ hộ nghèo giảm còn {3-25}%",
                "Đổi thay ở các bản vùng cao {district}",
            ],
            leads: [
                "Ngày {day}/{month}, UBND tỉnh {province} tổ chức hội nghị sơ kết các chương trình mục tiêu quốc gia giai đoạn {periodStart} - {periodEnd}.",
                "Thực hiện chương trình xây dựng nông thôn mới, diện mạo các xã vùng cao huyện {district}, tỉnh {province} đã có nhiều đổi thay.",
            ],
            sentences: [
                "Đến nay, toàn huyện có {3-20} xã đạt chuẩn nông thôn mới, bình quân mỗi xã đạt {12-19} tiêu chí.",
                "Tỷ lệ hộ nghèo giảm bình quân {2-5}% mỗi năm, thu nhập bình quân đầu người đạt khoảng {25-60} triệu đồng/năm.",
                "Người dân tích cực hiến đất, góp công làm đường giao thông nông thôn, xây dựng nhà văn hóa bản.",
                "Các chương trình mục tiêu quốc gia đã hỗ trợ làm nhà ở, nước sinh hoạt và đào tạo nghề cho lao động nông thôn.",
                "Đồng bào {ethnic} đã mạnh dạn vay vốn, chuyển đổi cây trồng, vật nuôi, nhiều hộ vươn lên thoát nghèo.",
            ],
            captions: ["Đường bê tông về bản ở {district}."]),
        CorpusTopic(
            name: "chuyển đổi số", weight: 7, scope: .anyProvince, section: "thoi-su-chinh-tri", projectCategory: "other",
            tags: ["chuyển đổi số", "cải cách hành chính", "dịch vụ công trực tuyến"],
            titles: [
                "{province} đẩy mạnh chuyển đổi số trong cơ quan nhà nước",
                "Nâng cao chỉ số cải cách hành chính tỉnh {province}",
                "{district} triển khai dịch vụ công trực tuyến toàn trình",
            ],
            leads: [
                "Ngày {day}/{month}, Ban Chỉ đạo chuyển đổi số tỉnh {province} tổ chức hội nghị đánh giá kết quả thực hiện năm {year}.",
                "Xác định chuyển đổi số là nhiệm vụ trọng tâm, tỉnh {province} đã triển khai đồng bộ nhiều giải pháp trong cải cách hành chính.",
            ],
            sentences: [
                "Tỷ lệ hồ sơ được tiếp nhận, giải quyết trực tuyến đạt {40-95}%, giúp người dân, doanh nghiệp tiết kiệm thời gian và chi phí.",
                "Tỉnh đã hoàn thành kết nối cơ sở dữ liệu quốc gia về dân cư với các hệ thống thông tin của địa phương.",
                "Các tổ công nghệ số cộng đồng đến từng thôn, bản hướng dẫn người dân cài đặt và sử dụng các ứng dụng số.",
                "Chỉ số năng lực cạnh tranh cấp tỉnh tăng {2-15} bậc so với năm trước.",
            ],
            captions: ["Người dân làm thủ tục tại Trung tâm Phục vụ hành chính công tỉnh {province}."]),
        CorpusTopic(
            name: "giáo dục", weight: 7, scope: .anyProvince, section: "xa-hoi", projectCategory: "other",
            tags: ["giáo dục", "dân tộc thiểu số"],
            titles: [
                "{province} chuẩn bị cho năm học mới {year} - {nextYear}",
                "Nâng cao chất lượng giáo dục vùng đồng bào dân tộc thiểu số {district}",
                "Kiên cố hóa trường, lớp học ở vùng cao {district}",
            ],
            leads: [
                "Ngày {day}/{month}, Sở Giáo dục và Đào tạo tỉnh {province} tổ chức hội nghị tổng kết năm học và triển khai nhiệm vụ năm học mới.",
                "Những năm qua, ngành giáo dục huyện {district}, tỉnh {province} đã có nhiều nỗ lực nâng cao chất lượng dạy và học.",
            ],
            sentences: [
                "Toàn tỉnh có hơn {100-400} nghìn học sinh các cấp, trong đó học sinh dân tộc thiểu số chiếm khoảng {60-85}%.",
                "Ngành giáo dục đã huy động các nguồn lực xây dựng thêm {20-200} phòng học, nhà ở bán trú cho học sinh.",
                "Đội ngũ giáo viên bám trường, bám lớp, vận động học sinh ra lớp đầy đủ.",
                "Tỷ lệ trường đạt chuẩn quốc gia đạt {40-80}%, tăng {2-10}% so với năm học trước.",
            ],
            captions: ["Giờ học của học sinh bán trú ở {district}."]),
        CorpusTopic(
            name: "y tế", weight: 6, scope: .anyProvince, section: "xa-hoi", projectCategory: "other",
            tags: ["y tế", "chăm sóc sức khỏe"],
            titles: [
                "Nâng cao chất lượng khám, chữa bệnh tuyến cơ sở tại {province}",
                "{district} đưa dịch vụ y tế đến gần người dân vùng cao",
            ],
            leads: [
                "Ngày {day}/{month}, Sở Y tế tỉnh {province} tổ chức hội nghị triển khai nhiệm vụ chăm sóc sức khỏe nhân dân năm {year}.",
                "Những năm qua, mạng lưới y tế cơ sở huyện {district}, tỉnh {province} từng bước được củng cố, kiện toàn.",
            ],
            sentences: [
                "Các trạm y tế xã được đầu tư trang thiết bị, bảo đảm khám, chữa bệnh ban đầu cho người dân.",
                "Tỷ lệ người dân tham gia bảo hiểm y tế đạt hơn {85-98}%.",
                "Ngành y tế tăng cường các đợt khám bệnh, cấp thuốc miễn phí cho đồng bào tại các bản vùng sâu, vùng xa.",
            ],
            captions: ["Khám bệnh cho người dân tại trạm y tế xã ở {district}."]),
        CorpusTopic(
            name: "văn hóa", weight: 7, scope: .anyProvince, section: "van-hoa", projectCategory: "other",
            tags: ["văn hóa", "lễ hội", "đồng bào {ethnic}"],
            titles: [
                "Bảo tồn và phát huy giá trị văn hóa dân tộc {ethnic} tại {district}",
                "Khai mạc {festival} năm {year}",
                "{province} tổ chức Ngày hội văn hóa, thể thao các dân tộc",
            ],
            leads: [
                "Ngày {day}/{month}, tại huyện {district}, tỉnh {province} đã diễn ra {festival} năm {year}.",
                "Những năm qua, tỉnh {province} đã triển khai nhiều giải pháp bảo tồn, phát huy giá trị văn hóa truyền thống của đồng bào {ethnic}.",
            ],
            sentences: [
                "Lễ hội thu hút đông đảo người dân và du khách tham gia với nhiều hoạt động văn hóa, thể thao đặc sắc.",
                "Các nghệ nhân truyền dạy cho thế hệ trẻ các làn điệu dân ca, điệu múa và nghề dệt thổ cẩm truyền thống.",
                "Tỉnh đã hỗ trợ khôi phục các lễ hội truyền thống, xây dựng các đội văn nghệ ở thôn, bản.",
            ],
            captions: ["Đồng bào {ethnic} trong trang phục truyền thống."]),
        CorpusTopic(
            name: "hợp tác quốc tế", weight: 2, scope: .borderGate, section: "thoi-su-chinh-tri", projectCategory: "border-gate",
            tags: ["hợp tác quốc tế", "hợp tác Việt Nam - {country}", "{partnerProvince}"],
            titles: [
                "Tăng cường hợp tác giữa tỉnh {province} và tỉnh {partnerProvince} ({country})",
                "Đoàn đại biểu tỉnh {partnerProvince} ({country}) thăm và làm việc tại {province}",
                "{province} và {partnerProvince} ký kết thỏa thuận hợp tác giai đoạn {periodStart} - {periodEnd}",
            ],
            leads: [
                "Ngày {day}/{month}, {official} đã tiếp và làm việc với đoàn đại biểu tỉnh {partnerProvince} ({country}).",
                "Ngày {day}/{month}, tại tỉnh {partnerProvince} ({country}), đoàn công tác tỉnh {province} đã hội đàm với lãnh đạo chính quyền tỉnh bạn.",
            ],
            sentences: [
                "Hai bên đã trao đổi, chia sẻ trong các lĩnh vực nông nghiệp, giáo dục, y tế, thương mại và bảo đảm an ninh trật tự khu vực biên giới.",
                "Tỉnh {province} tiếp tục hỗ trợ đào tạo cán bộ, nhận {20-200} lưu học sinh của tỉnh {partnerProvince} sang học tập.",
                "Hai tỉnh thống nhất tăng cường phối hợp quản lý đường biên, phòng, chống tội phạm ma túy và xuất nhập cảnh trái phép.",
                "Quan hệ hợp tác hữu nghị truyền thống giữa hai tỉnh không ngừng được củng cố và phát triển.",
            ],
            captions: ["Lãnh đạo hai tỉnh {province} và {partnerProvince} chụp ảnh lưu niệm."]),
    ]
}
