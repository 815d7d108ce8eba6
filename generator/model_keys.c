#include "keys.h"

#include "util.h"

/* The values of CHOICE keys. Labels are what a Vietnamese user may type
 * for an id (plan-format.md §1), parted by "|". */
#define LIST(id, ...) static const char *const id##_ids[] = {__VA_ARGS__};
#define LABELS(id, ...) static const char *const id##_labels[] = {__VA_ARGS__};
LIST(meeting_status, "planned", "held", "cancelled")
LABELS(meeting_status, "dự kiến|chưa họp", "đã họp|đã diễn ra", "hoãn|đã hoãn|bị hoãn")
LIST(combined, "none", "before", "after")
LABELS(combined, "không", "trước", "sau")
LIST(draft_status, "draft", "approved", "final")
LABELS(draft_status, "dự thảo", "đã duyệt", "bản cuối|chính thức")
LIST(weight, "regular", "bold")
LIST(style, "normal", "italic")
LIST(letter_case, "as-written", "upper")
LIST(flag, "false", "true")
LIST(performer, "chair", "secretary", "presenter", "members", "none")
LIST(template_flag, "false", "true", "no", "yes")
#undef LIST
#undef LABELS

const struct key_values values_meeting_status = {meeting_status_ids, meeting_status_labels, COUNT_OF(meeting_status_ids)};
const struct key_values values_combined = {combined_ids, combined_labels, COUNT_OF(combined_ids)};
const struct key_values values_draft_status = {draft_status_ids, draft_status_labels, COUNT_OF(draft_status_ids)};
const struct key_values values_weight = {weight_ids, NULL, COUNT_OF(weight_ids)};
const struct key_values values_style = {style_ids, NULL, COUNT_OF(style_ids)};
const struct key_values values_letter_case = {letter_case_ids, NULL, COUNT_OF(letter_case_ids)};
const struct key_values values_flag = {flag_ids, NULL, COUNT_OF(flag_ids)};
const struct key_values values_performer = {performer_ids, NULL, COUNT_OF(performer_ids)};
const struct key_values values_template_flag = {template_flag_ids, NULL, COUNT_OF(template_flag_ids)};
static const struct key_values values_NONE = {NULL, NULL, 0};
static const struct key_set keys_NONE = {"", NULL, 0, NULL};

/* The names of each set's keys. */
#define SET(id) static const char *const names_##id[] = {
#define KEY(name, type, required, set, values, description) #name,
#define END(id) };
#include "keys.def"
#undef SET
#undef KEY
#undef END

/* Each set's keys, then the set. */
#define SET(id) static const struct key_spec spec_##id[] = {
#define KEY(name, type, required, set, values, description) \
	{#name, KT_##type, required, &keys_##set, &values_##values, description},
#define END(id) }; const struct key_set keys_##id = {#id, spec_##id, COUNT_OF(spec_##id), names_##id};
#include "keys.def"
#undef SET
#undef KEY
#undef END
