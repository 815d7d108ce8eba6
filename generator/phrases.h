/* Words that diagnostics take as arguments, in both languages, for the
 * stages that otherwise print only the template's words (the archive
 * register, the documents): their texts stay with the diagnostics. */
#ifndef CHUYENDE_PHRASES_H
#define CHUYENDE_PHRASES_H

#include "diag.h"

#define PH_FILE_TOO_LARGE BI("tệp quá lớn", "the file is too large")
#define PH_REGISTER_NO_HEADER BI("không có dòng tiêu đề của sổ lưu trữ", "it has no register header line")
#define PH_LINE_MALFORMED BI("dòng không đúng dạng", "the line is malformed")
#define PH_QUOTE_NOT_CLOSED BI("dấu nháy kép không được đóng", "a double quote is not closed")

#endif
