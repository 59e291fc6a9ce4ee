# sitrep_notifier_plugin(NAME slack CLASS SlackNotifier SOURCES ... [LIBS ...])
# A Notifier plugin sees only the plugin interface header (copied into a private include folder, so
# nothing else of app/ is reachable), the shared HTTP helper in plugins/common, and Qt.
function(sitrep_notifier_plugin)
  cmake_parse_arguments(P "" "NAME;CLASS" "SOURCES;LIBS" ${ARGN})
  set(sdk ${PROJECT_BINARY_DIR}/plugin-sdk)
  configure_file(${PROJECT_SOURCE_DIR}/app/comms/NotifierInterface.h ${sdk}/comms/NotifierInterface.h COPYONLY)
  qt_add_plugin(sitrep_notifier_${P_NAME} SHARED CLASS_NAME ${P_CLASS})
  # Qt 6.4's qt_add_plugin ignores sources given to it.
  target_sources(sitrep_notifier_${P_NAME} PRIVATE ${P_SOURCES})
  target_include_directories(sitrep_notifier_${P_NAME} PRIVATE ${sdk} ${PROJECT_SOURCE_DIR}/plugins/common)
  target_link_libraries(sitrep_notifier_${P_NAME} PRIVATE Sitrep::options Qt6::Core Qt6::Network ${P_LIBS})
  # Next to bin/ in the build tree, so the app and the tests find them without installing.
  set_target_properties(sitrep_notifier_${P_NAME} PROPERTIES
    LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/plugins
    OUTPUT_NAME sitrep_${P_NAME})
  install(TARGETS sitrep_notifier_${P_NAME} LIBRARY DESTINATION lib/sitrep/plugins)
  set_property(GLOBAL APPEND PROPERTY SITREP_NOTIFIER_PLUGINS sitrep_notifier_${P_NAME})
endfunction()
