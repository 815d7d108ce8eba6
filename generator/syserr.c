#include "syserr.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const struct {
	int err;
	const char *text;
} causes[] = {
	{ENOENT, BI("không có tệp hoặc thư mục đó", "no such file or folder")},
	{EACCES, BI("không có quyền truy cập", "permission denied")},
	{EPERM, BI("thao tác không được phép", "operation not permitted")},
	{ENOSPC, BI("đĩa đã hết chỗ trống", "no space left on the disk")},
#ifdef EDQUOT
	{EDQUOT, BI("đã vượt hạn mức dung lượng đĩa", "disk quota exceeded")},
#endif
	{EFBIG, BI("tệp vượt quá kích thước cho phép", "file too large")},
	{EROFS, BI("hệ thống tệp chỉ cho đọc", "read-only file system")},
	{EISDIR, BI("đây là một thư mục", "it is a folder")},
	{ENOTDIR, BI("một phần của đường dẫn không phải là thư mục", "a part of the path is not a folder")},
	{ENAMETOOLONG, BI("tên tệp hoặc đường dẫn quá dài", "file name or path too long")},
	{ELOOP, BI("quá nhiều liên kết tượng trưng nối nhau (vòng lặp?)", "too many levels of symbolic links (a loop?)")},
	{EIO, BI("lỗi đọc/ghi của thiết bị", "input/output error of the device")},
	{EMFILE, BI("quá nhiều tệp đang mở", "too many open files")},
	{ENFILE, BI("hệ thống có quá nhiều tệp đang mở", "too many open files in the system")},
	{ENXIO, BI("không có thiết bị nào ở đó (một ổ cắm mạng?)", "no device there (a socket?)")},
	{EBUSY, BI("tệp hoặc thiết bị đang bận", "file or device busy")},
	{EEXIST, BI("tệp đã có", "file exists")},
	{EXDEV, BI("không đổi tên được sang ổ đĩa khác", "cannot rename across file systems")},
	{ETXTBSY, BI("tệp đang được chạy", "file busy")},
	{EINVAL, BI("thao tác không hợp lệ với tệp này", "invalid operation on this file")},
	{ENOMEM, BI("hết bộ nhớ", "out of memory")},
	{EPIPE, BI("chương trình nhận dữ liệu đã đóng đường ống", "the reading end of the pipe was closed")},
	{EAGAIN, BI("tài nguyên tạm thời không dùng được", "resource temporarily unavailable")},
	{EINTR, BI("bị ngắt giữa chừng", "interrupted")},
	{ENODEV, BI("không có thiết bị đó", "no such device")},
	{ENOTEMPTY, BI("thư mục không rỗng", "folder not empty")},
};

const char *sys_cause(int err, struct cause_buf *buf)
{
	if (err == 0)
		return BI("lỗi không rõ nguyên nhân", "unknown error");
	for (size_t i = 0; i < sizeof causes / sizeof causes[0]; i++)
		if (causes[i].err == err)
			return causes[i].text;
	if (!buf)
		return BI("lỗi hệ thống", "system error");
	snprintf(buf->s, sizeof buf->s, "lỗi hệ thống số %d\x1Fsystem error %d (%s)", err, err, strerror(err));
	return buf->s;
}

void diag_sys(struct diags *d, enum diag_code code, const char *file, const char *op, int err)
{
	struct cause_buf buf;
	diag(d, code, file, (struct pos){0, 0}, op, sys_cause(err, &buf), NULL);
}
