import type { Indicator, Plan, Target, Unit } from '../domain/types';
import { resolveTaskUnits } from '../domain/plan';

/**
 * The province's 2023 plan ("Kế hoạch triển khai thực hiện Chiến lược chuyển đổi số báo chí
 * đến năm 2025, định hướng đến năm 2030 trên địa bàn tỉnh Quảng Trị"). Every figure and phrase
 * is copied from the plan's text; unit ids are ours.
 */
const units: Unit[] = [
  { id: 'BQT', name: 'Báo Quảng Trị', aliases: ['Báo Quảng Trị'], type: 'Báo', group: 'press' },
  {
    id: 'PTTH',
    name: 'Đài Phát thanh - Truyền hình tỉnh',
    aliases: ['Đài PT-TH tỉnh'],
    type: 'Phát thanh - Truyền hình',
    group: 'press',
  },
  { id: 'TCCV', name: 'Tạp chí Cửa Việt', aliases: ['Tạp chí Cửa Việt'], type: 'Tạp chí', group: 'press' },
  {
    id: 'STTTT',
    name: 'Sở Thông tin và Truyền thông',
    aliases: ['Sở Thông tin và Truyền thông'],
    type: 'Sở, ngành',
    group: 'management',
  },
  { id: 'STC', name: 'Sở Tài chính', aliases: ['Sở Tài chính'], type: 'Sở, ngành', group: 'management' },
  {
    id: 'SKHDT',
    name: 'Sở Kế hoạch và Đầu tư',
    aliases: ['Sở Kế hoạch và Đầu tư'],
    type: 'Sở, ngành',
    group: 'management',
  },
  {
    id: 'SKHCN',
    name: 'Sở Khoa học và Công nghệ',
    aliases: ['Sở Khoa học và Công nghệ'],
    type: 'Sở, ngành',
    group: 'management',
  },
  {
    id: 'BTGTU',
    name: 'Ban Tuyên giáo Tỉnh ủy',
    aliases: ['Ban Tuyên giáo Tỉnh ủy'],
    type: 'Cơ quan Đảng',
    group: 'management',
  },
];

const indicators: Indicator[] = [
  { code: 'CT1', name: 'Đưa nội dung lên các nền tảng số', nameEn: 'Content on digital platforms', unit: '—', kind: 'yesNo' },
  { code: 'CT1a', name: 'Số nền tảng số có nội dung của cơ quan', nameEn: 'Digital platforms carrying its content', unit: 'nền tảng', kind: 'integer', min: 0 },
  { code: 'CT1b', name: 'Trong đó: nền tảng số trong nước', nameEn: 'Of which domestic platforms', unit: 'nền tảng', kind: 'integer', min: 0 },
  { code: 'CT2', name: 'Sử dụng nền tảng phân tích, xử lý dữ liệu tổng hợp tập trung, ứng dụng trí tuệ nhân tạo', nameEn: 'Uses a central data analysis platform with AI', unit: '—', kind: 'yesNo' },
  { code: 'CT3', name: 'Hoạt động, vận hành mô hình tòa soạn hội tụ', nameEn: 'Runs a converged newsroom', unit: '—', kind: 'yesNo' },
  { code: 'CT4a', name: 'Số trang thông tin điện tử tổng hợp của cơ quan', nameEn: 'General e-information sites it runs', unit: 'trang', kind: 'integer', min: 0 },
  { code: 'CT4b', name: 'Trong đó: đã nâng cấp thành báo điện tử, tạp chí điện tử', nameEn: 'Of which upgraded to e-newspaper or e-magazine', unit: 'trang', kind: 'integer', min: 0 },
  { code: 'CT5a', name: 'Doanh thu năm gốc', nameEn: 'Revenue in the base year', unit: 'triệu đồng', kind: 'decimal', min: 0 },
  { code: 'CT5b', name: 'Doanh thu năm báo cáo', nameEn: 'Revenue in the reporting year', unit: 'triệu đồng', kind: 'decimal', min: 0 },
  { code: 'CT6a', name: 'Số lãnh đạo, cán bộ, phóng viên, biên tập viên', nameEn: 'Leaders, staff, reporters, editors', unit: 'người', kind: 'integer', min: 0 },
  { code: 'CT6b', name: 'Trong đó: được đào tạo, bồi dưỡng về chuyển đổi số báo chí', nameEn: 'Of whom trained in press digital transformation', unit: 'người', kind: 'integer', min: 0 },
  { code: 'CT7', name: 'Cấp độ an toàn hệ thống thông tin được phê duyệt', nameEn: 'Approved information-security level of its systems', unit: 'cấp độ', kind: 'level', min: 1, max: 5 },
];

const shareText = (condition: string) => `Tỷ lệ cơ quan báo chí có ${condition}`;
const shareTextEn = (condition: string) => `Share of press agencies with ${condition}`;

const targets: Target[] = [
  {
    code: 'MT25-1', year: 2025, threshold: 0.75,
    text: '75% cơ quan báo chí của tỉnh đưa nội dung lên các nền tảng số (ưu tiên các nền tảng số trong nước).',
    rule: { kind: 'shareYes', indicator: 'CT1' }, ruleText: shareText('CT1 = Có'), ruleTextEn: shareTextEn('CT1 = Yes'),
  },
  {
    code: 'MT25-2', year: 2025, threshold: 0.5,
    text: '50% cơ quan báo chí của tỉnh sử dụng nền tảng phân tích, xử lý dữ liệu tổng hợp tập trung, ứng dụng trí tuệ nhân tạo để tối ưu hóa hoạt động.',
    rule: { kind: 'shareYes', indicator: 'CT2' }, ruleText: shareText('CT2 = Có'), ruleTextEn: shareTextEn('CT2 = Yes'),
  },
  {
    code: 'MT25-3', year: 2025, threshold: 0.8,
    text: '80% cơ quan báo chí của tỉnh hoạt động, vận hành mô hình tòa soạn hội tụ; phát triển cơ quan truyền thông đa phương tiện của địa phương; sản xuất nội dung theo các xu hướng báo chí số.',
    rule: { kind: 'shareYes', indicator: 'CT3' }, ruleText: shareText('CT3 = Có'), ruleTextEn: shareTextEn('CT3 = Yes'),
  },
  {
    code: 'MT25-4', year: 2025, threshold: 0.5,
    text: '50% trang thông tin điện tử tổng hợp của các cơ quan báo chí nâng cấp thành báo điện tử, tạp chí điện tử.',
    rule: { kind: 'ratioOfSums', numerator: 'CT4b', denominator: 'CT4a' },
    ruleText: 'Tổng CT4b ÷ tổng CT4a của các cơ quan báo chí', ruleTextEn: 'Sum of CT4b ÷ sum of CT4a over press agencies',
  },
  {
    code: 'MT25-5', year: 2025, threshold: 0.5,
    text: 'Các cơ quan báo chí của tỉnh tối ưu hóa nguồn thu, trong đó 50% cơ quan báo chí của tỉnh tăng doanh thu tối thiểu 20%.',
    rule: { kind: 'shareGrowth', base: 'CT5a', current: 'CT5b', minGrowthPercent: 20 },
    ruleText: shareText('doanh thu tăng ≥ 20% (CT5b so với CT5a)'), ruleTextEn: shareTextEn('revenue growth ≥ 20% (CT5b vs CT5a)'),
  },
  {
    code: 'MT25-6', year: 2025, threshold: 1,
    text: '100% lãnh đạo, cán bộ, phóng viên, biên tập viên các cơ quan báo chí của tỉnh được đào tạo, bồi dưỡng kiến thức, kỹ năng về chuyển đổi số báo chí.',
    rule: { kind: 'ratioOfSums', numerator: 'CT6b', denominator: 'CT6a' },
    ruleText: 'Tổng CT6b ÷ tổng CT6a của các cơ quan báo chí', ruleTextEn: 'Sum of CT6b ÷ sum of CT6a over press agencies',
  },
  {
    code: 'MT25-7', year: 2025, threshold: 1,
    text: '100% cơ quan báo chí của tỉnh có giải pháp đảm bảo an toàn, an ninh hệ thống thông tin cấp độ 3 trở lên.',
    rule: { kind: 'shareMinLevel', indicator: 'CT7', minLevel: 3 },
    ruleText: shareText('CT7 ≥ 3'), ruleTextEn: shareTextEn('CT7 ≥ 3'),
  },
  {
    code: 'MT30-1', year: 2030, threshold: 1,
    text: '100% cơ quan báo chí của tỉnh đưa nội dung lên các nền tảng số (ưu tiên các nền tảng số trong nước).',
    rule: { kind: 'shareYes', indicator: 'CT1' }, ruleText: shareText('CT1 = Có'), ruleTextEn: shareTextEn('CT1 = Yes'),
  },
  {
    code: 'MT30-2', year: 2030, threshold: 1,
    text: '100% cơ quan báo chí của tỉnh sử dụng nền tảng phân tích, xử lý dữ liệu tổng hợp tập trung, ứng dụng trí tuệ nhân tạo để tối ưu hóa hoạt động.',
    rule: { kind: 'shareYes', indicator: 'CT2' }, ruleText: shareText('CT2 = Có'), ruleTextEn: shareTextEn('CT2 = Yes'),
  },
  {
    code: 'MT30-3', year: 2030, threshold: 1,
    text: '100% cơ quan báo chí của tỉnh hoạt động, vận hành mô hình tòa soạn hội tụ và các mô hình phù hợp với sự phát triển của khoa học, công nghệ tiên tiến trên thế giới, sản xuất nội dung theo các xu hướng báo chí số.',
    rule: { kind: 'shareYes', indicator: 'CT3' }, ruleText: shareText('CT3 = Có'), ruleTextEn: shareTextEn('CT3 = Yes'),
  },
  {
    code: 'MT30-4', year: 2030, threshold: 1,
    text: 'Các cơ quan báo chí của tỉnh tối ưu hóa nguồn thu, trong đó 100% cơ quan báo chí của tỉnh tăng doanh thu tối thiểu 20%.',
    rule: { kind: 'shareGrowth', base: 'CT5a', current: 'CT5b', minGrowthPercent: 20 },
    ruleText: shareText('doanh thu tăng ≥ 20% (CT5b so với CT5a)'), ruleTextEn: shareTextEn('revenue growth ≥ 20% (CT5b vs CT5a)'),
  },
];

const PRESS_LEADS = 'Báo Quảng Trị, Đài PT-TH tỉnh, Tạp chí Cửa Việt';

/** Phụ lục: Phân công triển khai các nhiệm vụ cụ thể — the eight rows as written. */
const annex: Array<{ no: number; content: string; leadText: string; partnersText: string; timeframe: string }> = [
  { no: 1, content: 'Phát triển các sản phẩm báo chí số; nâng cao hiệu quả công tác thông tin, tuyên truyền', leadText: PRESS_LEADS, partnersText: 'Sở Thông tin và Truyền thông; các đơn vị liên quan', timeframe: '2023-2025' },
  { no: 2, content: 'Phát triển và nâng cao chất lượng nguồn nhân lực báo chí của tỉnh; tổ chức tập huấn, bồi dưỡng cho đội ngũ báo chí của tỉnh', leadText: 'Sở Thông tin và Truyền thông', partnersText: 'Các cơ quan báo chí; đơn vị liên quan', timeframe: '2023-2025' },
  { no: 3, content: 'Hướng dẫn các cơ quan báo chí sử dụng nền tảng dùng chung, hợp tác và chia sẻ chi phí cho các cơ quan báo chí về nguồn lực công nghệ. Hướng dẫn ứng dụng, khai thác công nghệ số phục vụ chuyển đổi số báo chí', leadText: 'Sở Thông tin và Truyền thông', partnersText: 'Các cơ quan, đơn vị liên quan', timeframe: 'Sau khi có hướng dẫn từ Bộ Thông tin và Truyền thông' },
  { no: 4, content: 'Ứng dụng nền tảng số cho các cơ quan báo chí của tỉnh', leadText: 'Sở Thông tin và Truyền thông', partnersText: 'Các cơ quan báo chí; đơn vị liên quan', timeframe: '2024-2025' },
  { no: 5, content: 'Theo dõi, đánh giá kết quả triển khai Quy hoạch báo chí trên địa bàn tỉnh', leadText: 'Sở Thông tin và Truyền thông', partnersText: 'Các cơ quan báo chí; đơn vị liên quan', timeframe: '2023-2025' },
  { no: 6, content: 'Tổ chức thực hiện Quy hoạch phát triển và quản lý báo chí; rà soát hiệu lực giấy phép hoạt động báo chí, chuyên trang, ấn phẩm báo chí phù hợp quy định pháp luật', leadText: PRESS_LEADS, partnersText: 'Sở Thông tin và Truyền thông; các đơn vị liên quan', timeframe: '2023-2025' },
  { no: 7, content: 'Nâng cao hiệu quả công tác quản lý nhà nước hoạt động báo chí; tăng cường công tác quản lý báo chí, chấn chỉnh vi phạm trong hoạt động báo chí', leadText: 'Sở Thông tin và Truyền thông', partnersText: 'Các sở, ban ngành, địa phương', timeframe: '2023-2025' },
  { no: 8, content: 'Triển khai thực hiện Bộ Chỉ số đánh giá, đo lường mức độ trưởng thành chuyển đổi số báo chí', leadText: PRESS_LEADS, partnersText: 'Sở Thông tin và Truyền thông', timeframe: '' },
];

/** Annex phrases that stand for a group of units rather than one unit. */
const groupPhrases: Record<string, (u: Unit) => boolean> = {
  'các cơ quan báo chí': (u) => u.group === 'press',
  'các sở, ban ngành, địa phương': (u) => u.group === 'management' && u.type === 'Sở, ngành',
};

const genericUnitPhrases = ['các đơn vị liên quan', 'đơn vị liên quan', 'các cơ quan, đơn vị liên quan'];

export const QUANG_TRI_2023: Plan = {
  id: 'quang-tri-2023',
  title: 'Kế hoạch triển khai thực hiện Chiến lược chuyển đổi số báo chí đến năm 2025, định hướng đến năm 2030 trên địa bàn tỉnh Quảng Trị',
  province: 'Quảng Trị',
  reportDeadline: { day: 25, month: 11 },
  units,
  indicators,
  targets,
  genericUnitPhrases,
  tasks: annex.map((row) => ({
    ...row,
    leadUnits: resolveTaskUnits(row.leadText, units, groupPhrases, genericUnitPhrases),
    partnerUnits: resolveTaskUnits(row.partnersText, units, groupPhrases, genericUnitPhrases),
  })),
};
