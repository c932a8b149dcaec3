# Warnings for Simpul's own targets only (third-party code is built without them).
add_library(simpul_warnings INTERFACE)
target_compile_options(simpul_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough)
add_library(simpul::warnings ALIAS simpul_warnings)

# simpul_module(NAME [DEPS ...]) : a library from NAME/src/*.cpp with public headers in NAME/include.
function(simpul_module name)
  cmake_parse_arguments(M "" "" "DEPS;PRIVATE_DEPS" ${ARGN})
  file(GLOB_RECURSE srcs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(simpul_${name} STATIC ${srcs})
  add_library(simpul::${name} ALIAS simpul_${name})
  target_include_directories(simpul_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include)
  target_link_libraries(simpul_${name} PUBLIC ${M_DEPS} PRIVATE simpul::warnings ${M_PRIVATE_DEPS})
endfunction()
