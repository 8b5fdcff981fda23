# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) on the staged tree: CPack's strip
# keeps the .comment and .note sections that Debian's dh_strip removes.
find_program(_objcopy objcopy)
if(_objcopy)
  file(GLOB_RECURSE _bins "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/bin/selfcheck")
  foreach(_b IN LISTS _bins)
    execute_process(COMMAND ${_objcopy} --remove-section=.comment --remove-section=.note "${_b}")
  endforeach()
endif()
