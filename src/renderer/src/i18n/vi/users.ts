/** Vietnamese texts of the users area; the type makes the compiler check every English key is here. */
import type { Messages } from '../messages';

export const users: Messages['users'] = {
  title: 'Người dùng',
  description: 'Ai được đăng nhập, và mỗi người được làm gì. Mọi thay đổi đều được lưu trong nhật ký kiểm tra.',
  addUser: 'Thêm người dùng…',
  loadingWhat: 'danh sách người dùng',
  loadingError: 'Tải danh sách người dùng',
  caption: 'Người dùng',
  changeError: 'Thay đổi người dùng',

  roles: { viewer: 'người xem', operator: 'nhân viên vận hành', technician: 'kỹ thuật viên', admin: 'quản trị viên' },
  roleHelp: {
    viewer: 'trực tiếp và tổng quan, xuất dữ liệu',
    operator: 'thêm duyệt số đếm và xác nhận cảnh báo',
    technician: 'thêm camera, mô hình, thử nghiệm, triển khai',
    admin: 'thêm người dùng, cài đặt, thời hạn lưu trữ, sao lưu',
  },
  role: 'Vai trò',
  roleOf: (username: string) => `Vai trò của ${username}`,

  columns: { user: 'Tài khoản', lastSignIn: 'Lần đăng nhập gần nhất' },
  states: { disabled: 'đã vô hiệu hóa', cannotSignIn: 'không thể đăng nhập', mustChangePassword: 'phải đặt mật khẩu mới', active: 'đang hoạt động' },

  resetPassword: 'Đặt lại mật khẩu',
  enable: 'Kích hoạt',
  disable: 'Vô hiệu hóa',
  of: (username: string) => `của ${username}`,

  notices: {
    roleChanged: (username: string, role: string) => `${username} giờ là ${role}.`,
    enabled: (username: string) => `Đã kích hoạt ${username}.`,
    disabled: (username: string) => `Đã vô hiệu hóa ${username}.`,
    added: (username: string, role: string) => `Đã thêm ${username} với vai trò ${role}.`,
    passwordReset: (username: string) => `Đã đặt lại mật khẩu của ${username}.`,
  },

  add: {
    title: 'Thêm người dùng',
    description: 'Người dùng mới tự chọn mật khẩu của mình ở lần đăng nhập đầu tiên.',
    username: 'Tên đăng nhập',
    usernameHelp: 'Chữ thường, chữ số, . _ -',
    temporaryPassword: 'Mật khẩu tạm',
    temporaryPasswordHelp: (min: string) => `Ít nhất ${min} ký tự; hãy báo trực tiếp cho người dùng.`,
    error: 'Thêm người dùng',
  },

  reset: {
    title: (username: string) => `Đặt lại mật khẩu của ${username}`,
    description: 'Các phiên đăng nhập của họ sẽ kết thúc; họ chọn mật khẩu mới ở lần đăng nhập tới.',
    error: 'Đặt lại mật khẩu',
  },

  desktop: {
    formLabel: 'Đăng nhập trên máy tính',
    title: 'Ứng dụng trên máy tính này',
    role: 'Vai trò khi không cần mật khẩu',
    idle: 'Phiên của kỹ thuật viên và quản trị viên kết thúc sau (số phút không thao tác)',
    error: 'Lưu',
    saved: 'Đã lưu.',
  },
};
