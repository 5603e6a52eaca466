// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the frame-pointer reliable unwinder lands (issue 3). */
const char kit_unwinder_name[] = "fp";
