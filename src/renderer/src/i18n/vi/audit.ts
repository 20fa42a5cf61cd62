/** Vietnamese texts of the audit area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const audit: Messages['audit'] = {
  title: 'Nhật ký kiểm tra',
  description: 'Mọi thay đổi, lần đăng nhập và lần đăng nhập thất bại: ai, khi nào, làm gì, trước và sau. Chỉ có thể ghi thêm, không bao giờ sửa được.',
  exportCsv: 'Xuất CSV',
  exportJson: 'Xuất JSON',
  exportError: 'Xuất nhật ký kiểm tra',
  loadingWhat: 'nhật ký kiểm tra',
  loadingError: 'Tải nhật ký kiểm tra',
  emptyTitle: 'Chưa ghi nhận gì',
  caption: 'Nhật ký kiểm tra, mới nhất trước',
  columns: { when: 'Thời điểm', who: 'Người thực hiện', what: 'Thao tác', target: 'Đối tượng', outcome: 'Kết quả', change: 'Trước → sau' },
  notSignedIn: (address: string) => `(chưa đăng nhập, ${address})`,
  outcomes: { ok: 'thành công', refused: 'bị từ chối', failed: 'thất bại' },
  show: 'Xem',
  before: 'Trước',
  after: 'Sau',
};
