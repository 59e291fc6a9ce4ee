#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

namespace Sitrep::Sim {

// Reads protobuf wire format as Kubernetes clients send it: varints and length-delimited fields, the rest
// skipped. Enough to decode request bodies without generated code.
class ProtoReader final
{
public:
    struct Field
    {
        int number = 0;
        int wireType = 0;
        quint64 varint = 0; // wire type 0
        QByteArray bytes;   // wire type 2
    };

    explicit ProtoReader(QByteArray data)
        : m_data(std::move(data))
    {}
    bool atEnd() const { return m_pos >= m_data.size(); }
    bool failed() const { return m_failed; }
    bool next(Field *field);

    // Every field of a message in order (repeated fields appear once per value); empty and failed() on
    // malformed input.
    static QList<Field> all(const QByteArray &message, bool *ok = nullptr);
    // The last length-delimited value of each field number.
    static QHash<int, QByteArray> lengthDelimited(const QByteArray &message);

private:
    bool varint(quint64 *out);
    bool fail();

    QByteArray m_data;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

} // namespace Sitrep::Sim
