/* The faces a document sets text in. The template names a font file for
 * each, the layout measures text in them, the painter embeds them: the
 * one word those stages share, so that none includes another's header. */
#ifndef CHUYENDE_FACE_H
#define CHUYENDE_FACE_H

enum font_face { FACE_REGULAR, FACE_BOLD, FACE_ITALIC, FACE_BOLD_ITALIC, FACE_MONO, FACE_COUNT };

#endif
