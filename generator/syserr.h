/* System errors in words. A failed call is reported as READ_FAILED or
 * OUTPUT_FAILED with two arguments: the operation that failed and its
 * cause, each in both languages. The causes are our own words for errno,
 * the same on every platform (strerror's differ between C libraries, and
 * glibc's are English only), and errno 0 never reads "Success". */
#ifndef CHUYENDE_SYSERR_H
#define CHUYENDE_SYSERR_H

#include "diag.h"

/* Operations, as the first argument of READ_FAILED and OUTPUT_FAILED. */
#define OP_READ BI("không đọc được tệp", "cannot read the file")
#define OP_LIST BI("không đọc được thư mục", "cannot list the folder")
#define OP_STAT BI("không xem được thông tin tệp", "cannot look up the file")
#define OP_CREATE_TEMP BI("không tạo được tệp tạm bên cạnh tệp kết quả", "cannot create a temporary file beside the output")
#define OP_OPEN_OUTPUT BI("không mở được tệp kết quả để ghi", "cannot open the output for writing")
#define OP_WRITE BI("không ghi được tệp kết quả", "cannot write the output file")
#define OP_SYNC BI("không đưa được dữ liệu xuống đĩa", "cannot flush the data to disk")
#define OP_RENAME BI("không đặt được tệp tạm vào chỗ tệp kết quả", "cannot rename the temporary file into place")
#define OP_MKDIR BI("không tạo được thư mục", "cannot create the folder")
#define OP_RESOLVE BI("không lần theo được liên kết tượng trưng", "cannot follow the symbolic link")
#define OP_MAKE_PDF BI("không tạo được tệp PDF", "cannot make the PDF")
#define OP_STDOUT BI("không ghi được ra đầu ra chuẩn", "cannot write to standard output")
#define OP_SCRATCH BI("không dùng được tệp nháp tạm thời", "cannot use a temporary scratch file")

/* Room for a cause that is not in the table. */
struct cause_buf {
	char s[160];
};

/* The cause of errno err as "vi\x1Fen"; buf holds an unlisted one (without
 * buf, an unlisted cause is "system error"). */
const char *sys_cause(int err, struct cause_buf *buf);

/* Reports code (READ_FAILED or OUTPUT_FAILED) against file: op failed
 * because of errno err. */
void diag_sys(struct diags *d, enum diag_code code, const char *file, const char *op, int err);

#endif
