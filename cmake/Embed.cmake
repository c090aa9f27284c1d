# petitio_embed(TARGET NAME FILES... BASE dir)
# Compiles the given files into a static library exposing
#   const petitio::EmbeddedFile* petitio::embedded::NAME(); size via NAME_count()
# so the binary carries its built-in profiles, templates and static assets.
function(petitio_embed target name base)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${name}_embedded.cc")
  set(files ${ARGN})
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base}
            "-DFILES=${files}" -P "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    DEPENDS ${files} "${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake"
    COMMENT "Embedding ${name}"
    VERBATIM)
  add_library(${target} STATIC "${out}")
  target_include_directories(${target} PUBLIC "${PROJECT_SOURCE_DIR}/src")
endfunction()
