/** Vietnamese texts of the health area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

/** Vietnamese has no plural forms: the count is only there to match the English signature. */
const counted = (word: string) => (_count: number, n: string) => `${n} ${word}`;

export const health: Messages['health'] = {
  description: 'Kết nối camera, tốc độ khung hình, độ trễ mô hình và cơ sở dữ liệu.',

  contexts: {
    cameraHealth: 'Tải tình trạng camera',
    modelHealth: 'Tải tình trạng mô hình',
    database: 'Tải tình trạng cơ sở dữ liệu',
    auditReport: 'Tải độ chính xác qua kiểm tra',
    uptime: 'Tải thời gian hoạt động của camera',
    performance: 'Tải hiệu năng trực tiếp',
    drift: 'Tải cảnh báo trôi dạt và can thiệp',
  },

  units: {
    hours: counted('giờ'),
    days: counted('ngày'),
    years: counted('năm'),
    seconds: counted('giây'),
    rows: counted('dòng'),
  },

  cameras: {
    title: 'Camera',
    loading: 'tình trạng camera',
    empty: 'Chưa có camera nào để theo dõi',
    columns: {
      inputFps: 'FPS đầu vào',
      processedFps: 'FPS đã xử lý',
      droppedFrames: 'Khung hình bị bỏ',
      inference: 'Suy luận (ms)',
      reconnects: 'Số lần kết nối lại',
      lastFrame: 'Khung hình cuối',
    },
  },

  latency: {
    title: 'Độ trễ mô hình',
    empty: 'Chưa có số đo độ trễ nào',
    emptyHintBefore: 'Số đo được ghi lại khi camera chạy và khi chạy lệnh',
    emptyHintAfter: '.',
    chartLabel: 'Biểu đồ đường độ trễ suy luận của mô hình, tính bằng mili giây, theo thời gian',
    axisMs: 'ms',
  },

  performance: {
    title: 'Hiệu năng trực tiếp',
    period: 'Khoảng thời gian',
    ranges: { hour: 'Một giờ qua', day: '24 giờ qua', week: '7 ngày qua' },
    loading: 'hiệu năng trực tiếp',
    empty: 'Không có mẫu hiệu năng nào trong khoảng thời gian này',
    emptyHint: (every: string) =>
      `Khi camera đang đếm, độ trễ và tốc độ khung hình của mô hình được ghi lại mỗi ${every} (Cài đặt). Camera không xử lý khung hình nào thì không có gì được ghi lại.`,
    latencyTitle: 'Độ trễ mô hình (ms mỗi khung hình: nét liền là p50, nét đứt là p95)',
    latencyChartLabel: 'Biểu đồ đường độ trễ mô hình, trung vị và phân vị 95, theo camera và phiên bản mô hình theo thời gian',
    throughputTitle: 'Số khung hình xử lý mỗi giây',
    throughputChartLabel: 'Biểu đồ đường số khung hình xử lý mỗi giây theo camera và phiên bản mô hình theo thời gian',
    axisMs: 'ms',
    axisFps: 'fps',
    tableSummary: 'Các mẫu mới nhất dạng bảng',
    tableCaption: 'Mẫu hiệu năng trực tiếp mới nhất theo camera và phiên bản mô hình',
    columns: {
      sampled: 'Thời điểm lấy mẫu',
      p50: 'p50 (ms)',
      p95: 'p95 (ms)',
      fps: 'Khung hình mỗi giây',
      droppedFrames: 'Khung hình bị bỏ',
      cpu: 'CPU (%)',
      memory: 'Bộ nhớ (MB)',
      gpu: 'GPU (%)',
      samples: 'Số mẫu',
    },
    gpuNotUsed: 'không dùng',
  },

  drift: {
    title: 'Trôi dạt dữ liệu và can thiệp camera',
    features: {
      brightness: 'độ sáng',
      contrast: 'độ tương phản',
      sharpness: 'độ nét (lấy nét)',
      confidence: 'độ tin cậy phát hiện',
      detections: 'số người mỗi khung hình',
      box_height: 'chiều cao khung người',
      box_aspect: 'hình dạng khung người',
      count_in: 'lượt vào so với cùng giờ các tuần trước',
      count_out: 'lượt ra so với cùng giờ các tuần trước',
      'tamper:covered': 'camera bị che',
      'tamper:blinded': 'camera bị chói',
      'tamper:defocused': 'camera bị mất nét',
      'tamper:moved': 'camera bị dịch chuyển',
    },
    severities: { low: 'thấp', medium: 'trung bình', high: 'cao', critical: 'nghiêm trọng' },
    kinds: { drift: 'Trôi dạt dữ liệu', tamper: 'Can thiệp camera' },
    alertTitle: (kind: string, camera: string) => `${kind} tại ${camera}`,
    alertFacts: (severity: string, version: string, at: string) => `(mức ${severity}, mô hình ${version}, ${at})`,
    histogramLabel: (feature: string) => `${feature}: tham chiếu và hiện tại`,
    histogramCaption: (feature: string, from: string, to: string) => `${feature}: tham chiếu (trên) và hiện tại (dưới), từ ${from} đến ${to}`,
    noAlerts: (hours: string) => `Không có cảnh báo trôi dạt hay can thiệp nào trong ${hours} qua.`,
    noWindows: 'Chưa có khung giờ nào được chấm điểm',
    noWindowsHint: 'Vài phút sau khi mỗi giờ kết thúc, giờ đó của từng camera được so sánh với cùng giờ các ngày trước.',
    columns: { hour: 'Giờ', verdict: 'Kết luận', moved: 'Tín hiệu đã thay đổi' },
    drifted: (severity: string, alerted: boolean) => `có trôi dạt (mức ${severity}${alerted ? ', đã cảnh báo' : ''})`,
    noDrift: 'không trôi dạt',
    nextCheck: (at: string) => `Lần kiểm tra hằng giờ tiếp theo: ${at}; việc can thiệp camera được kiểm tra mỗi 30 giây.`,
  },

  audit: {
    title: 'Độ chính xác qua kiểm tra',
    empty: 'Chưa có lượt đếm nào được kiểm tra — mở Kiểm tra lượt đếm để xem thử một mẫu',
    reviewLink: 'Kiểm tra lượt đếm',
    emptyHint: 'hiển thị các lượt đi qua gần đây và những lúc không có ai đi qua; mỗi câu trả lời được cộng vào các số liệu này.',
    columns: {
      reviewed: 'Đã kiểm tra',
      precision: 'Độ chuẩn xác',
      precisionTitle: 'Phần lượt đếm là đúng',
      recall: 'Độ phủ',
      recallTitle: 'Phần lượt đi qua thực tế đã được đếm',
      f1: 'F1',
      f1Title: 'Độ chuẩn xác và độ phủ gộp trong một con số',
    },
    caption: 'Độ chuẩn xác, độ phủ và F1 theo phiên bản mô hình và camera',
    explanation:
      'Tính từ các câu trả lời trong Kiểm tra lượt đếm: độ chuẩn xác = số lượt đếm đúng ÷ tổng số lượt đếm đã kiểm tra, độ phủ = số lượt đếm đúng ÷ (số lượt đếm đúng + số người bị bỏ sót), F1 kết hợp cả hai. “—” nghĩa là chưa có gì để chia.',
  },

  uptime: {
    title: 'Thời gian hoạt động của camera',
    empty: 'Chưa có camera nào để đo',
    columns: { day: 'Hoạt động, 24 giờ qua', week: 'Hoạt động, 7 ngày qua', samples: 'Số mẫu (7 ngày)', since: 'Đo từ' },
    caption: 'Tỷ lệ thời gian mỗi camera hoạt động',
    noSamples: 'chưa có mẫu',
    explanation:
      'Cách tính: khi Footfall chạy, phần mềm ghi lại trạng thái của từng camera mỗi 15 giây. Mỗi lần ghi được tính cho khoảng thời gian đến lần ghi tiếp theo (tối đa một phút), rồi thời gian hoạt động được chia cho thời gian kể từ đầu khoảng đo — hoặc từ lần ghi đầu tiên của camera, nếu muộn hơn. Thời gian Footfall không chạy được tính là không hoạt động.',
  },

  database: {
    title: 'Cơ sở dữ liệu',
    facts: {
      size: 'Dung lượng cơ sở dữ liệu',
      growth: 'Mức tăng mỗi ngày',
      diskFull: 'Ổ đĩa đầy sau',
      lastRun: 'Lần dọn dữ liệu cũ gần nhất',
      nextRun: 'Lần dọn dữ liệu cũ tiếp theo',
      kept: 'Giữ lại trước khi lưu trữ',
    },
    sizeWithWal: (size: string, wal: string) => `${size} (và ${wal} dữ liệu ghi gần đây trong tệp WAL)`,
    keptPeriods: (inference: string, metrics: string, ab: string) => `Kết quả suy luận ${inference}, chỉ số hiệu năng ${metrics}, kết quả A/B ${ab}`,
    settingsLink: 'Cài đặt',
    noVacuum:
      'Cơ sở dữ liệu này được tạo trước khi Footfall có thể thu nhỏ tệp: dung lượng được giải phóng khi dọn dữ liệu cũ sẽ được dùng lại, nhưng tệp vẫn giữ nguyên kích thước cho đến khi chạy',
    noVacuumAfter: 'một lần trong lúc Footfall đang tắt.',
    noGrowth: 'Chưa đo được mức tăng',
    noGrowthRetention: 'Chưa đo được mức tăng (việc dọn dữ liệu cũ xóa đi đúng bằng lượng được ghi thêm)',
    growthPerDay: (size: string) => `Khoảng ${size} mỗi ngày`,
    diskUnknown: 'Không rõ: không đọc được dung lượng trống của ổ đĩa này',
    noGrowthFree: (free: string) => `Chưa đo được mức tăng (còn trống ${free})`,
    lessThanADay: (free: string) => `Chưa đến một ngày với tốc độ này (còn trống ${free}): hãy giải phóng dung lượng ngay`,
    daysLeft: (days: string, years: string | null, free: string) => `Khoảng ${days}${years === null ? '' : ` (${years} năm)`} với tốc độ này, còn trống ${free}`,
    never: 'Chưa chạy lần nào (lần đầu tiên vào 03:00 sắp tới, hoặc khi khởi động)',
    noReason: 'không ghi lại lý do',
    runCompleted: (at: string, rows: string) => `${at}: hoàn tất, đã lưu trữ ${rows}`,
    runFailed: (at: string, reason: string, rows: string) => `${at}: chưa hoàn tất (${reason}), đã lưu trữ ${rows} trước khi dừng; lần chạy sau sẽ làm tiếp`,
    runningNow: 'Đang chạy',
    notScheduled: 'Chưa có lịch trong khoảng này (ứng dụng chạy việc này mỗi đêm lúc 03:00)',
    records: {
      inferenceResults: counted('kết quả suy luận'),
      performanceMetrics: counted('chỉ số hiệu năng'),
      abResults: counted('kết quả thử nghiệm A/B'),
    },
    shortening: (period: string, rows: string, before: string, at: string) =>
      `Rút ngắn còn ${period} sẽ lưu trữ rồi xóa ${rows} được ghi trước ${before} ở lần chạy tới (${at}).`,
    shorteningDetail: 'Các phát hiện và dữ liệu theo dõi đi kèm cũng bị xóa; số lượt đếm trên Bảng điều khiển vẫn giữ nguyên.',
  },
};
