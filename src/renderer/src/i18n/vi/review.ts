/** Vietnamese texts of the review area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const review: Messages['review'] = {
  description: 'Đối chiếu kết quả đếm với những gì thực sự xảy ra: mỗi câu trả lời góp vào điểm độ chính xác bên dưới.',

  auditingOff: {
    title: 'Chế độ kiểm tra đang tắt',
    intro:
      'Khi bật chế độ kiểm tra, Footfall giữ lại một ảnh nhỏ của một số lượt đi qua đã được đếm và của một số lúc không có ai đi qua (người trong ảnh được làm mờ), để bạn kiểm tra tại đây.',
    adminHow: (key: string) => `Bật ngay tại đây hoặc trong Cài đặt (${key}).`,
    viewerHowBefore: 'Quản trị viên có thể bật chế độ này trong',
    settingsLink: 'Cài đặt',
    viewerHowAfter: (key: string) => `(${key}).`,
    enable: 'Bật chế độ kiểm tra',
  },
  notOperator: 'Cần vai trò người vận hành để kiểm tra',
  notOperatorHint: 'Bạn có thể xem điểm bên dưới; người vận hành hoặc quản trị viên sẽ trả lời các mục cần kiểm tra.',
  loadingNext: 'mục tiếp theo',
  nothingLeft: 'Không còn mục nào cần kiểm tra',
  progressDone: (reviewed: string, total: string) => `Đã kiểm tra ${reviewed} trên ${total} mục.`,
  newItems: 'Mục mới sẽ xuất hiện khi camera đếm.',
  skippedComeBack: 'Các mục đã bỏ qua sẽ quay lại khi bạn mở lại trang này.',
  accuracy: 'Độ chính xác',
  loadReportContext: 'Tải báo cáo',
  reportStoreContext: 'Tải báo cáo kiểm tra lượt đếm',
  loadingReport: 'báo cáo',
  errorContext: { load: 'Tải mục tiếp theo', answer: 'Lưu câu trả lời', enable: 'Bật chế độ kiểm tra' },

  item: {
    progress: (reviewed: string, total: string, open: string) => `Đã kiểm tra ${reviewed} trên ${total} · còn ${open} mục`,
    describe: (camera: string, when: string, what: string, people: string) => `Camera ${camera}, ${when}: ${what}; ${people}`,
    noCrossing: 'không có ai đi qua',
    countedIn: (line: string | null) => `được đếm là đi vào${line ? ` qua vạch ${line}` : ''}`,
    countedOut: (line: string | null) => `được đếm là đi ra${line ? ` qua vạch ${line}` : ''}`,
    people: (_count: number, n: string) => `phát hiện ${n} người, đã làm mờ`,
    question: { crossing: 'Người này có được đếm đúng không?', no_crossing: 'Có ai đi qua vạch ở đây mà không được đếm không?' },
    pictureDeleted: 'Ảnh đã bị xóa (đã hết thời hạn lưu giữ hoặc chế độ kiểm tra đã bị tắt).',
    answerGroup: 'Câu trả lời',
    skip: 'Bỏ qua',
    keysHelp: (list: string) => `Nhấn phím 1–4 để trả lời. ${list}.`,
    answerHelp: (label: string, help: string) => `${label}: ${help}`,
  },
  answers: { right: 'Đúng', wrong_direction: 'Sai hướng', not_a_person: 'Không phải người', missed_one: 'Bỏ sót một người' },
  help: {
    crossing: {
      right: 'được đếm một lần, đúng hướng',
      wrong_direction: 'người này đi theo hướng ngược lại',
      not_a_person: 'không có ai đi qua, hoặc đó không phải là người',
      missed_one: 'lượt đếm này đúng, nhưng có người khác không được đếm',
    },
    no_crossing: { right: 'không bỏ sót ai', missed_one: 'có người đi qua mà không được đếm' },
  },

  report: {
    reviewed: 'Đã kiểm tra',
    precision: 'Độ chuẩn xác',
    precisionTitle: 'Trong các lượt đếm, tỷ lệ lượt đếm đúng',
    recall: 'Độ phủ',
    recallTitle: 'Trong số người đã đi qua, tỷ lệ người được đếm',
    f1: 'F1',
    f1Title: 'Độ chuẩn xác và độ phủ kết hợp',
    empty: 'Chưa có câu trả lời nào',
    emptyHint: 'Điểm sẽ hiện ở đây khi đã có mục được kiểm tra.',
    caption: 'Độ chính xác của lượt đếm theo camera và phiên bản mô hình',
  },
};
