#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace Sitrep::Core {

// The arguments of a `sitrep ... inspect FILE [--json]` command: one file and the --json switch. Anything
// else (a second file, an unknown option, no file) is a usage error: nullopt.
struct FileArguments
{
    QString file;
    bool json = false;

    static std::optional<FileArguments> parse(const QStringList &args)
    {
        FileArguments out;
        for (const QString &a : args) {
            if (a == QLatin1String("--json"))
                out.json = true;
            else if (a.startsWith(QLatin1Char('-')) || !out.file.isEmpty())
                return std::nullopt;
            else
                out.file = a;
        }
        if (out.file.isEmpty())
            return std::nullopt;
        return out;
    }
};

} // namespace Sitrep::Core
