/* SPDX-License-Identifier: GPL-2.0 */
/* arm64 module placement. */
#ifndef _ASM_MODULE_H
#define _ASM_MODULE_H

/*
 * Module memory lies within this many bytes of the image's start:
 * b/bl reach 128 MiB; 96 MiB leaves room for the image itself.
 */
#define ARCH_MODULE_NEAR	(96UL << 20)

#endif
