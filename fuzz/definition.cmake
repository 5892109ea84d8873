# fuzz_definition: core/definition (validate, parse, serialize round trip). Included by fuzz/CMakeLists.txt.
add_executable(fuzz_definition ${CMAKE_CURRENT_LIST_DIR}/fuzz_definition.cpp)
target_compile_options(fuzz_definition PRIVATE ${SLUICE_FUZZ_FLAGS})
target_link_options(fuzz_definition PRIVATE ${SLUICE_FUZZ_FLAGS})
target_link_libraries(fuzz_definition PRIVATE sluice_core sluice_defaults)
