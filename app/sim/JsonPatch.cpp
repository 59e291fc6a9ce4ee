#include "sim/JsonPatch.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringList>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace Sitrep::Sim {

namespace {

QJsonValue mergeValue(const QJsonValue &target, const QJsonValue &patch, bool strategic);

QJsonObject mergeObject(const QJsonObject &target, const QJsonObject &patch, bool strategic)
{
    QJsonObject out = target;
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (strategic && it.key().startsWith("$"_L1))
            continue; // $patch / $retainKeys / $setElementOrder directives: nothing to do for our objects
        if (it.value().isNull())
            out.remove(it.key());
        else
            out.insert(it.key(), mergeValue(out.value(it.key()), it.value(), strategic));
    }
    return out;
}

// Strategic merge of lists of objects keyed by "name" (containers, ports, env); other lists are replaced.
QJsonArray mergeNamedList(const QJsonArray &target, const QJsonArray &patch)
{
    QJsonArray out = target;
    for (const QJsonValue &pv : patch) {
        const QJsonObject po = pv.toObject();
        const QString name = po.value("name"_L1).toString();
        bool merged = false;
        for (qsizetype i = 0; i < out.size(); ++i) {
            if (out.at(i).toObject().value("name"_L1).toString() == name) {
                if (po.value("$patch"_L1).toString() == "delete"_L1)
                    out.removeAt(i);
                else
                    out.replace(i, mergeObject(out.at(i).toObject(), po, true));
                merged = true;
                break;
            }
        }
        if (!merged && po.value("$patch"_L1).toString() != "delete"_L1)
            out.append(po);
    }
    return out;
}

QJsonValue mergeValue(const QJsonValue &target, const QJsonValue &patch, bool strategic)
{
    if (patch.isObject())
        return mergeObject(target.isObject() ? target.toObject() : QJsonObject(), patch.toObject(),
                           strategic);
    if (strategic && patch.isArray() && target.isArray()) {
        const QJsonArray pa = patch.toArray();
        bool named = !pa.isEmpty();
        for (const QJsonValue &v : pa)
            named = named && v.isObject() && v.toObject().contains("name"_L1);
        if (named)
            return mergeNamedList(target.toArray(), pa);
    }
    return patch;
}

QString unescape(QString token)
{
    return token.replace("~1"_L1, "/"_L1).replace("~0"_L1, "~"_L1);
}

// Applies `fn` to the parent container of a JSON pointer, rebuilding the path on the way back.
Core::Result<QJsonValue>
editAt(const QJsonValue &doc, const QStringList &tokens, int index,
       const std::function<Core::Result<QJsonValue>(const QJsonValue &, const QString &)> &fn)
{
    if (index == tokens.size() - 1)
        return fn(doc, tokens.at(index));
    const QString token = tokens.at(index);
    if (doc.isObject()) {
        QJsonObject o = doc.toObject();
        if (!o.contains(token))
            return Core::makeError(u"path element \"%1\" does not exist"_s.arg(token));
        auto child = editAt(o.value(token), tokens, index + 1, fn);
        if (!child)
            return child.error();
        o.insert(token, *child);
        return QJsonValue(o);
    }
    if (doc.isArray()) {
        QJsonArray a = doc.toArray();
        bool ok = false;
        const int i = token.toInt(&ok);
        if (!ok || i < 0 || i >= a.size())
            return Core::makeError(u"array index \"%1\" out of range"_s.arg(token));
        auto child = editAt(a.at(i), tokens, index + 1, fn);
        if (!child)
            return child.error();
        a.replace(i, *child);
        return QJsonValue(a);
    }
    return Core::makeError(u"path element \"%1\" is not a container"_s.arg(token));
}

QStringList pointerTokens(const QString &pointer)
{
    QStringList tokens = pointer.split(QLatin1Char('/'));
    tokens.removeFirst(); // leading empty token of "/a/b"
    for (QString &t : tokens)
        t = unescape(t);
    return tokens;
}

Core::Result<QJsonValue> getAt(const QJsonValue &doc, const QString &pointer)
{
    QJsonValue v = doc;
    for (const QString &t : pointerTokens(pointer)) {
        if (v.isObject() && v.toObject().contains(t))
            v = v.toObject().value(t);
        else if (v.isArray() && t.toInt() >= 0 && t.toInt() < v.toArray().size())
            v = v.toArray().at(t.toInt());
        else
            return Core::makeError(u"path \"%1\" does not exist"_s.arg(pointer));
    }
    return v;
}

Core::Result<QJsonValue> addAt(const QJsonValue &doc, const QString &pointer, const QJsonValue &value,
                               bool replace)
{
    if (pointer.isEmpty())
        return value;
    return editAt(doc, pointerTokens(pointer), 0,
                  [&](const QJsonValue &parent, const QString &key) -> Core::Result<QJsonValue> {
                      if (parent.isObject()) {
                          QJsonObject o = parent.toObject();
                          if (replace && !o.contains(key))
                              return Core::makeError(u"cannot replace missing key \"%1\""_s.arg(key));
                          o.insert(key, value);
                          return QJsonValue(o);
                      }
                      if (parent.isArray()) {
                          QJsonArray a = parent.toArray();
                          const int i = key == "-"_L1 ? int(a.size()) : key.toInt();
                          if (i < 0 || i > a.size() || (replace && i == a.size()))
                              return Core::makeError(u"array index \"%1\" out of range"_s.arg(key));
                          if (replace)
                              a.replace(i, value);
                          else
                              a.insert(i, value);
                          return QJsonValue(a);
                      }
                      return Core::makeError(u"parent of \"%1\" is not a container"_s.arg(pointer));
                  });
}

Core::Result<QJsonValue> removeAt(const QJsonValue &doc, const QString &pointer)
{
    return editAt(doc, pointerTokens(pointer), 0,
                  [&](const QJsonValue &parent, const QString &key) -> Core::Result<QJsonValue> {
                      if (parent.isObject() && parent.toObject().contains(key)) {
                          QJsonObject o = parent.toObject();
                          o.remove(key);
                          return QJsonValue(o);
                      }
                      if (parent.isArray() && key.toInt() >= 0 && key.toInt() < parent.toArray().size()) {
                          QJsonArray a = parent.toArray();
                          a.removeAt(key.toInt());
                          return QJsonValue(a);
                      }
                      return Core::makeError(u"cannot remove missing \"%1\""_s.arg(pointer));
                  });
}

} // namespace

QJsonObject JsonPatch::mergePatch(const QJsonObject &target, const QJsonObject &patch)
{
    return mergeObject(target, patch, false);
}

QJsonObject JsonPatch::strategicMerge(const QJsonObject &target, const QJsonObject &patch)
{
    return mergeObject(target, patch, true);
}

Core::Result<QJsonObject> JsonPatch::jsonPatch(const QJsonObject &target, const QJsonArray &operations)
{
    QJsonValue doc = target;
    int index = 0;
    for (const QJsonValue &opValue : operations) {
        const QJsonObject op = opValue.toObject();
        const QString kind = op.value("op"_L1).toString();
        const QString path = op.value("path"_L1).toString();
        const QString where = u"operation %1 (%2 %3)"_s.arg(index++).arg(kind, path);
        Core::Result<QJsonValue> next = doc;
        if (kind == "add"_L1) {
            next = addAt(doc, path, op.value("value"_L1), false);
        } else if (kind == "replace"_L1) {
            next = addAt(doc, path, op.value("value"_L1), true);
        } else if (kind == "remove"_L1) {
            next = removeAt(doc, path);
        } else if (kind == "test"_L1) {
            auto current = getAt(doc, path);
            if (!current)
                next = current.error();
            else if (*current != op.value("value"_L1))
                next = Core::makeError(u"test failed: value differs"_s);
        } else if (kind == "move"_L1 || kind == "copy"_L1) {
            const QString from = op.value("from"_L1).toString();
            auto value = getAt(doc, from);
            if (!value) {
                next = value.error();
            } else {
                QJsonValue base = doc;
                if (kind == "move"_L1) {
                    auto removed = removeAt(doc, from);
                    if (!removed)
                        return Core::makeError(removed.error().message, where);
                    base = *removed;
                }
                next = addAt(base, path, *value, false);
            }
        } else {
            next = Core::makeError(u"unknown op \"%1\""_s.arg(kind));
        }
        if (!next)
            return Core::makeError(next.error().message, where);
        doc = *next;
    }
    if (!doc.isObject())
        return Core::makeError(u"the patch did not leave an object"_s);
    return doc.toObject();
}

Core::Result<QJsonObject> JsonPatch::apply(const QJsonObject &target, const QByteArray &contentType,
                                           const QByteArray &body)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return Core::makeError(u"patch body is not JSON: %1"_s.arg(error.errorString()),
                               u"offset %1"_s.arg(error.offset));
    const QByteArray type = contentType.split(';').value(0).trimmed();
    if (type == "application/json-patch+json") {
        if (!doc.isArray())
            return Core::makeError(u"a JSON patch must be an array of operations"_s);
        return jsonPatch(target, doc.array());
    }
    if (!doc.isObject())
        return Core::makeError(u"a merge patch must be a JSON object"_s);
    if (type == "application/merge-patch+json")
        return mergePatch(target, doc.object());
    if (type == "application/strategic-merge-patch+json" || type == "application/apply-patch+yaml")
        return strategicMerge(target, doc.object());
    return Core::makeError(u"unsupported patch content type \"%1\""_s.arg(QString::fromLatin1(type)));
}

} // namespace Sitrep::Sim
