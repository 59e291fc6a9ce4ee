# Precompiled Qt headers for every Sitrep target (GCC).
#
# Parsing QtCore/QtWidgets is a third to a half of compiling a Sitrep source file. Two small host targets
# precompile the Qt headers once - one for targets without widgets, one for targets with them - and every other
# target reuses the host's header (REUSE_FROM) instead of building its own: two precompiled headers per build,
# not one per target. A reused header must have been made with the same flags; all Sitrep targets share them
# through Sitrep::options, and the Qt module macros (QT_WIDGETS_LIB ...) decide which host a target gets.
# GCC says so (-Winvalid-pch, an error with SITREP_WERROR) if a target ever gets the wrong one.
#
# ccache caches compilations that use a precompiled header only with sloppiness pch_defines,time_macros:
# the compiler launcher of those targets says so.
#
# The same pass lets moc run for a target without waiting until every library it links is built
# (AUTOGEN_ORIGIN_DEPENDS OFF): moc reads only the target's own headers, and on two cores the wait
# serialises the build (a library still being edited elsewhere would also hold up every target above it).
option(SITREP_PCH "Precompile the Qt headers (GCC)" ON)

# Whether target compiles with Qt's Widgets module: it links it, or a library whose usage requirements carry it
# (the same walk CMake does for compile definitions: the target's own links, then INTERFACE_LINK_LIBRARIES;
# $<LINK_ONLY:...> entries carry no compile definitions and are not followed).
function(_sitrep_links_widgets target out)
  set(seen "")
  get_target_property(queue ${target} LINK_LIBRARIES)
  if(NOT queue)
    set(queue "")
  endif()
  set(found OFF)
  while(queue)
    list(POP_FRONT queue t)
    if(t MATCHES "\\$<" OR t IN_LIST seen OR NOT TARGET ${t})
      continue()
    endif()
    list(APPEND seen ${t})
    get_target_property(aliased ${t} ALIASED_TARGET)
    if(aliased)
      list(APPEND queue ${aliased})
      continue()
    endif()
    if(t MATCHES "^Qt6?::(Widgets|OpenGLWidgets|Charts|PrintSupport)$")
      set(found ON)
      break()
    endif()
    get_target_property(iface ${t} INTERFACE_LINK_LIBRARIES)
    if(iface)
      list(APPEND queue ${iface})
    endif()
  endwhile()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

function(_sitrep_pch_host name headers)
  set(src ${PROJECT_BINARY_DIR}/pch/${name}.cpp)
  if(NOT EXISTS ${src})
    file(WRITE ${src} "// Hosts the precompiled Qt headers that the other Sitrep targets reuse.\n")
  endif()
  add_library(${name} STATIC EXCLUDE_FROM_ALL ${src})
  target_link_libraries(${name} PRIVATE Sitrep::options ${ARGN})
  target_precompile_headers(${name} PRIVATE ${headers})
endfunction()

# Every target of the build tree that links Sitrep::options, below dir.
function(_sitrep_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  set(result "")
  foreach(t ${targets})
    get_target_property(type ${t} TYPE)
    if(NOT type MATCHES "^(STATIC_LIBRARY|SHARED_LIBRARY|MODULE_LIBRARY|EXECUTABLE)$")
      continue()
    endif()
    get_target_property(libs ${t} LINK_LIBRARIES)
    if(libs AND ("Sitrep::options" IN_LIST libs OR "sitrep_options" IN_LIST libs))
      list(APPEND result ${t})
    endif()
  endforeach()
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(sub ${subdirs})
    _sitrep_collect_targets(${sub} more)
    list(APPEND result ${more})
  endforeach()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# Runs once every target exists (deferred to the end of the top-level CMakeLists.txt).
function(sitrep_precompile_all)
  if(NOT SITREP_PCH OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    return()
  endif()
  set(SITREP_PCH_CORE_HEADERS
    <QByteArray> <QDateTime> <QDir> <QElapsedTimer> <QFile> <QFileInfo> <QHash> <QJsonArray> <QJsonDocument>
    <QJsonObject> <QJsonValue> <QList> <QMap> <QObject> <QPointer> <QProcess> <QRegularExpression> <QSet>
    <QSettings> <QString> <QStringList> <QTimer> <QUrl> <QVariant>
    <algorithm> <functional> <memory> <optional>)
  set(SITREP_PCH_WIDGETS_HEADERS ${SITREP_PCH_CORE_HEADERS}
    <QAbstractItemModel> <QAction> <QApplication> <QCheckBox> <QComboBox> <QDialog> <QDialogButtonBox>
    <QHBoxLayout> <QHeaderView> <QLabel> <QLineEdit> <QMenu> <QPainter> <QPushButton> <QSortFilterProxyModel>
    <QTableView> <QToolButton> <QTreeView> <QVBoxLayout> <QWidget>)
  _sitrep_pch_host(sitrep_pch_core "${SITREP_PCH_CORE_HEADERS}" Qt6::Core)
  _sitrep_pch_host(sitrep_pch_widgets "${SITREP_PCH_WIDGETS_HEADERS}" Qt6::Widgets)
  set(launcher "")
  if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
    find_program(SITREP_ENV_PROGRAM env REQUIRED)
    set(launcher ${SITREP_ENV_PROGRAM} CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
      ${CMAKE_CXX_COMPILER_LAUNCHER})
    set_property(TARGET sitrep_pch_core sitrep_pch_widgets PROPERTY CXX_COMPILER_LAUNCHER ${launcher})
  endif()
  _sitrep_collect_targets(${PROJECT_SOURCE_DIR} targets)
  foreach(t ${targets})
    set_property(TARGET ${t} PROPERTY AUTOGEN_ORIGIN_DEPENDS OFF)
    get_target_property(own ${t} PRECOMPILE_HEADERS)
    get_target_property(reused ${t} PRECOMPILE_HEADERS_REUSE_FROM)
    if(own OR reused)
      continue() # a target with headers of its own keeps them
    endif()
    _sitrep_links_widgets(${t} widgets)
    if(widgets)
      target_precompile_headers(${t} REUSE_FROM sitrep_pch_widgets)
    else()
      target_precompile_headers(${t} REUSE_FROM sitrep_pch_core)
    endif()
    if(launcher)
      set_property(TARGET ${t} PROPERTY CXX_COMPILER_LAUNCHER ${launcher})
    endif()
  endforeach()
endfunction()
