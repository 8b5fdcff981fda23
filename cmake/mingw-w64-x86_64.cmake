# Toolchain for the Windows build (selfcheck.exe), cross-compiled on Debian 12
# with mingw-w64's posix-thread compilers (std::thread, std::mutex need them).
# One static exe: libgcc, libstdc++ and winpthread are linked in (-static), so
# it imports only Windows' own DLLs. Libraries that Debian does not ship for
# mingw are found under SELFCHECK_MINGW_PREFIX (built by
# scripts/build-windows.sh); ctest runs the test exe under wine64 through
# scripts/wine-run.sh (CMAKE_CROSSCOMPILING_EMULATOR).
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(SELFCHECK_MINGW_TRIPLET x86_64-w64-mingw32)

set(CMAKE_C_COMPILER ${SELFCHECK_MINGW_TRIPLET}-gcc-posix)
set(CMAKE_CXX_COMPILER ${SELFCHECK_MINGW_TRIPLET}-g++-posix)
set(CMAKE_RC_COMPILER ${SELFCHECK_MINGW_TRIPLET}-windres)
set(CMAKE_AR ${SELFCHECK_MINGW_TRIPLET}-gcc-ar-posix CACHE FILEPATH "")
set(CMAKE_RANLIB ${SELFCHECK_MINGW_TRIPLET}-gcc-ranlib-posix CACHE FILEPATH "")

# Static libyaml and expat: their headers declare dllimport unless told.
set(CMAKE_C_FLAGS_INIT "-DYAML_DECLARE_STATIC -DXML_STATIC")
set(CMAKE_CXX_FLAGS_INIT "-DYAML_DECLARE_STATIC -DXML_STATIC")

# Static runtime: no libstdc++-6.dll / libgcc_s_seh-1.dll / libwinpthread-1.dll.
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "-static-libgcc -static-libstdc++")

# The dependency prefix: from the cache variable, else from the environment
# (scripts/build-windows.sh exports it), so that try_compile sees it too.
if(NOT SELFCHECK_MINGW_PREFIX AND DEFINED ENV{SELFCHECK_MINGW_PREFIX})
  set(SELFCHECK_MINGW_PREFIX "$ENV{SELFCHECK_MINGW_PREFIX}")
endif()
set(SELFCHECK_MINGW_PREFIX "${SELFCHECK_MINGW_PREFIX}" CACHE PATH "cross-built dependencies (scripts/build-windows.sh)")
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES SELFCHECK_MINGW_PREFIX)

set(CMAKE_FIND_ROOT_PATH /usr/${SELFCHECK_MINGW_TRIPLET} ${SELFCHECK_MINGW_PREFIX})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Static archives only (libz-mingw-w64-dev also ships libz.dll.a).
set(CMAKE_FIND_LIBRARY_SUFFIXES .a)

# zlib from Debian's libz-mingw-w64-dev, the static archive (FindZLIB would
# take libz.dll.a, the import library of a DLL the exe must not need).
set(ZLIB_LIBRARY /usr/${SELFCHECK_MINGW_TRIPLET}/lib/libz.a CACHE FILEPATH "")
set(ZLIB_INCLUDE_DIR /usr/${SELFCHECK_MINGW_TRIPLET}/include CACHE PATH "")

# Boost: FindBoost's module mode on the prefix (Debian's headers + the two
# libraries compiled from Debian's source), static, no auto-link pragmas.
set(Boost_USE_STATIC_LIBS ON)
set(Boost_NO_BOOST_CMAKE ON)
set(Boost_NO_SYSTEM_PATHS ON)
set(BOOST_ROOT "${SELFCHECK_MINGW_PREFIX}")

# pkg-config for the target, never the build machine's .pc files.
set(ENV{PKG_CONFIG_LIBDIR} "${SELFCHECK_MINGW_PREFIX}/lib/pkgconfig")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "")

# ctest runs the Windows test exe under wine64 with a throw-away WINEPREFIX.
get_filename_component(_selfcheck_src "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
set(CMAKE_CROSSCOMPILING_EMULATOR "${_selfcheck_src}/scripts/wine-run.sh")
