import type { IndexVersion, MaturityLevel, Pillar } from '../domain/types';

/**
 * The national press digital-transformation maturity index, per version, as the public sources
 * give it (facts and their verification status: docs/INDEX-AND-TARGETS.md). The criteria
 * catalogues (42/43 criteria) are not published in any source we could read, so `criteria` is
 * empty and the workbook scores one row per pillar until an official loads the catalogue.
 */
const V = (note?: string) => ({ verified: true, ...(note ? { note } : {}) });
const U = (note: string) => ({ verified: false, note });

const pillars951: Pillar[] = [
  { no: 1, name: 'Chiến lược', nameEn: 'Strategy', maxPoints: 18, provenance: V() },
  { no: 2, name: 'Hạ tầng số, nền tảng số và an toàn thông tin', nameEn: 'Digital infrastructure, platforms and information security', maxPoints: 24, provenance: V() },
  { no: 3, name: 'Sự đồng nhất về tổ chức và chuyên môn', nameEn: 'Organisational and professional alignment', maxPoints: 20, provenance: V() },
  { no: 4, name: 'Độc giả, khán giả, thính giả', nameEn: 'Readers, viewers and listeners', maxPoints: 23, provenance: V() },
  { no: 5, name: 'Mức độ ứng dụng công nghệ số', nameEn: 'Level of digital-technology application', maxPoints: 15, provenance: V() },
];

const ASSUMED_2025 = 'Giả định không đổi so với 1827/QĐ-BTTTT; chưa có nguồn xác nhận';
const pillars3560: Pillar[] = pillars951.map((p) => ({
  ...p,
  provenance: p.no === 1 || p.no === 4 ? V('Kết quả năm 2025 ghi tối đa ' + p.maxPoints + ' điểm') : U(ASSUMED_2025),
}));

const levels951: MaturityLevel[] = [
  { level: 1, name: 'Yếu', nameEn: 'Weak', minScore: 0, provenance: V('Dưới 50 điểm') },
  { level: 2, name: 'Trung bình', nameEn: 'Average', minScore: 50, provenance: V('Từ 50 đến 60 điểm (theo tin báo chí; chưa rõ cận)') },
  { level: 3, name: 'Khá', nameEn: 'Fair', minScore: 60, provenance: V('Từ 60 đến 70 điểm (theo tin báo chí)') },
  { level: 4, name: 'Tốt', nameEn: 'Good', minScore: 70, provenance: V('Từ 70 đến 80 điểm (theo tin báo chí)') },
  { level: 5, name: 'Xuất sắc', nameEn: 'Excellent', minScore: 80, provenance: V('"Trên 80" điểm (theo tin báo chí; chưa rõ cận)') },
];

const levels1827: MaturityLevel[] = [
  { level: 1, name: 'Yếu', nameEn: 'Weak', minScore: 0, provenance: V('Dưới 50 điểm') },
  { level: 2, name: 'Trung bình', nameEn: 'Average', minScore: 50, provenance: U('Suy ra từ ngưỡng Yếu < 50; chưa có nguồn') },
  { level: 3, name: 'Khá', nameEn: 'Fair', minScore: 60, provenance: U('Giả định như 951/QĐ-BTTTT; chưa có nguồn') },
  { level: 4, name: 'Tốt', nameEn: 'Good', minScore: 70, provenance: U('Giả định như 951/QĐ-BTTTT; 81,06 điểm được xếp Tốt năm 2024') },
  { level: 5, name: 'Xuất sắc', nameEn: 'Excellent', minScore: 90, provenance: V('Từ 90 điểm; 90,13 điểm được xếp Xuất sắc năm 2025') },
];

export const INDEX_VERSIONS: IndexVersion[] = [
  {
    id: '951-2023', decision: '951/QĐ-BTTTT', issuedOn: '2023-06-02', reportingYears: { from: 2023, to: 2023 },
    criteriaCount: 42, componentCount: 10, structureProvenance: V('10 chỉ số thành phần, 42 tiêu chí'), pillars: pillars951, levels: levels951, criteria: [],
  },
  {
    id: '1827-2024', decision: '1827/QĐ-BTTTT', issuedOn: '2024-10-24', reportingYears: { from: 2024, to: 2024 },
    criteriaCount: 43, componentCount: 10, structureProvenance: V('10 chỉ số thành phần, 43 tiêu chí; thay thế 951/QĐ-BTTTT'), pillars: pillars951, levels: levels1827, criteria: [],
  },
  {
    id: '3560-2025', decision: '3560/QĐ-BVHTTDL', issuedOn: '2025-10-06', reportingYears: { from: 2025 },
    structureProvenance: U('Cấu trúc chưa được công bố trong các nguồn đã đọc'), pillars: pillars3560, levels: levels1827, criteria: [],
  },
];

export function indexVersionById(id: string): IndexVersion | undefined {
  return INDEX_VERSIONS.find((v) => v.id === id);
}

/** The version in force for a reporting year: the latest one whose range covers it. */
export function indexVersionForYear(year: number): IndexVersion {
  const covering = INDEX_VERSIONS.filter((v) => year >= v.reportingYears.from && (v.reportingYears.to === undefined || year <= v.reportingYears.to));
  if (covering.length > 0) return covering[covering.length - 1];
  // Before the first index existed, the earliest version is the closest available.
  return INDEX_VERSIONS[0];
}
