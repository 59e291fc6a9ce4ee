#pragma once

#include <QString>

namespace Sitrep::Ui {

// Applies the dark or light theme (Fusion style, palette and the bundled style sheet) to the application.
class Theme final
{
public:
    enum class Kind { Dark, Light };
    static void apply(Kind kind);
    static Kind fromName(const QString &name);
    static QString name(Kind kind);
};

} // namespace Sitrep::Ui
