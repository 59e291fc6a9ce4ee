#pragma once

#include "comms/StockSentences.h"

#include <QDialog>
#include <QList>

class QLineEdit;

namespace Sitrep::Ui {

// Edits the sentence each status opens an update with; empty restores the default.
class StockSentencesDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit StockSentencesDialog(const Sitrep::Comms::StockSentences &sentences, QWidget *parent = nullptr);

    Sitrep::Comms::StockSentences sentences() const;
    QLineEdit *editor(Sitrep::Core::Status status) const { return m_edits.value(static_cast<int>(status)); }

private:
    QList<QLineEdit *> m_edits; // by Status
};

} // namespace Sitrep::Ui
