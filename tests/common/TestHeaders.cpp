// SPDX-License-Identifier: GPL-3.0-or-later
// Empty on purpose: each awb_test_headers_* target compiles this file to build the precompiled headers that the
// tests of one folder reuse (tests/CMakeLists.txt).
