#include "kube/YamlText.h"

#include <QJsonArray>
#include <QJsonObject>

#include <yaml-cpp/yaml.h>

namespace Sitrep::Kube {

namespace {

void emitValue(YAML::Emitter &out, const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        out << YAML::BeginMap;
        for (auto it = o.begin(); it != o.end(); ++it) {
            out << YAML::Key << it.key().toStdString() << YAML::Value;
            emitValue(out, it.value());
        }
        out << YAML::EndMap;
        break;
    }
    case QJsonValue::Array:
        out << YAML::BeginSeq;
        for (const auto &e : v.toArray())
            emitValue(out, e);
        out << YAML::EndSeq;
        break;
    case QJsonValue::Bool:
        out << v.toBool();
        break;
    case QJsonValue::Double: {
        const double d = v.toDouble();
        if (d == double(qint64(d)))
            out << qint64(d);
        else
            out << d;
        break;
    }
    case QJsonValue::String: {
        const std::string s = v.toString().toStdString();
        // Quote strings YAML would read as something else ("true", "3", "") like kubectl does.
        const bool ambiguous = s.empty() || s == "true" || s == "false" || s == "null" || s == "~" ||
                               s.find_first_not_of("0123456789.-+e") == std::string::npos;
        if (ambiguous)
            out << YAML::DoubleQuoted << s;
        else
            out << s;
        break;
    }
    default:
        out << YAML::Null;
    }
}

} // namespace

QString YamlText::fromJson(const QJsonValue &value)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    emitValue(out, value);
    return QString::fromUtf8(out.c_str()) + QLatin1Char('\n');
}

} // namespace Sitrep::Kube
