/* SPDX-License-Identifier: GPL-2.0 */
/* x86_64 module placement. */
#ifndef _ASM_MODULE_H
#define _ASM_MODULE_H

/*
 * Module memory lies within this many bytes of the image's start:
 * rel32 reaches 2 GiB; 96 MiB keeps module memory beside the image
 * (the range the kit has always used).
 */
#define ARCH_MODULE_NEAR	(96UL << 20)

#endif
