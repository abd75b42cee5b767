// SPDX-License-Identifier: GPL-3.0-or-later
#include "gui/ScreenshotMode.h"

#include "audiences/AudienceBuilder.h"
#include "audiences/AudienceDetail.h"
#include "audiences/AudienceListModel.h"
#include "audiences/AudiencesArea.h"
#include "audiences/ExportDialog.h"
#include "audiences/SizePicker.h"
#include "audiences/TargetPicker.h"
#include "catalog/CatalogArea.h"
#include "common/Error.h"
#include "data/DataArea.h"
#include "main/MainWindow.h"
#include "main/ShowError.h"
#include "main/WorkspaceController.h"
#include "models/ProfileTableModel.h"
#include "segments/LiveEvaluation.h"
#include "segments/SegmentBuilder.h"
#include "segments/SegmentInsights.h"
#include "segments/SegmentListModel.h"
#include "segments/SegmentsArea.h"

#include <QCoreApplication>
#include <QDialog>
#include <QFileInfo>
#include <QImage>
#include <QPainter>
#include <QPen>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace awb::app {

namespace {
// A screenshot run that has not produced its picture by then gives up (e.g. a failing workspace).
constexpr int kScreenshotTimeoutMs = 180'000;

// Fails the screenshot run: the picture would not show what was asked for.
void fail(const QString &message)
{
    std::fprintf(stderr, "audience-workbench: %s\n", qPrintable(message));
    QCoreApplication::exit(1);
}

// A profile worth showing: the first one with an email among the first rows (else the first one).
qint64 firstProfileWithEmail(const ui::ProfileTableModel &profiles)
{
    const int rows = qMin(profiles.rowCount(), 200);
    for (int row = 0; row < rows; ++row) {
        if (!profiles.index(row, ui::ProfileTableModel::EmailColumn).data().toString().isEmpty()) {
            return profiles.index(row, 0).data(ui::ProfileTableModel::IdRole).toLongLong();
        }
    }
    return profiles.index(0, 0).data(ui::ProfileTableModel::IdRole).toLongLong();
}
} // namespace

ScreenshotMode::ScreenshotMode(ui::MainWindow &window, ScreenshotOptions options)
    : m_window(window), m_options(std::move(options))
{}

void ScreenshotMode::arm()
{
    // Message boxes would wait for a click nobody makes: report on stderr and fail instead.
    ui::setErrorHandler([](QWidget *, const Error &error) { fail(QString::fromStdString(error.message)); });
    m_window.resize(m_options.windowSize);
    QObject::connect(&m_window, &ui::MainWindow::workspaceInfoShown, &m_window, [this] {
        // Let the layouts take the new texts and counts in before painting.
        QTimer::singleShot(0, &m_window, [this] {
            preparePage([this] {
                QTimer::singleShot(0, &m_window, [this] { QCoreApplication::exit(save() ? 0 : 1); });
            });
        });
    });
    QTimer::singleShot(kScreenshotTimeoutMs, &m_window, [] {
        std::fputs("audience-workbench: the page did not load in time for the screenshot\n", stderr);
        QCoreApplication::exit(2);
    });
}

void ScreenshotMode::preparePage(const std::function<void()> &ready)
{
    const QString &page = m_options.page;
    ui::DataArea *data = m_window.dataArea();
    if (page == QLatin1String("catalog")) {
        m_window.showPage(ui::MainWindow::Page::Catalog);
    } else if (page == QLatin1String("audiences")) {
        m_window.showPage(ui::MainWindow::Page::Audiences);
    } else if (page == QLatin1String("audience")) {
        prepareAudience();
    } else if (page == QLatin1String("audience-builder")) {
        prepareAudienceBuilder(ready);
        return;
    } else if (page == QLatin1String("segment-list")) {
        // Showing the area computes the traits; the picture waits for the segments' counts.
        QObject::connect(&m_window.segmentsArea()->live(), &ui::LiveEvaluation::savedCounted, &m_window,
                         ready, Qt::SingleShotConnection);
        m_window.showPage(ui::MainWindow::Page::Segments);
        return;
    } else if (page == QLatin1String("segment")) {
        prepareSegment(ready);
        return;
    } else if (page == QLatin1String("segments")) {
        prepareSegmentTemplate(ready);
        return;
    } else if (page == QLatin1String("profiles")) {
        data->showTab(ui::DataArea::Tab::Profiles);
    } else if (page == QLatin1String("profile")) {
        data->openProfile(firstProfileWithEmail(*data->profilesModel()));
    }
    ready();
}

void ScreenshotMode::prepareAudience()
{
    m_window.showPage(ui::MainWindow::Page::Audiences);
    ui::AudiencesArea *audiences = m_window.audiencesArea();
    QString name = m_options.audience;
    const auto &list = audiences->listModel()->audiences();
    if (name.isEmpty() && !list.empty()) {
        name = QString::fromStdString(list.front().name);
    }
    if (name.isEmpty() || !audiences->openAudience(name)) {
        fail(name.isEmpty() ? QStringLiteral("the workspace has no audience to show")
                            : QStringLiteral("cannot show the audience '%1'").arg(name));
        return;
    }
    if (!m_options.exportPreset.isEmpty()) {
        m_dialog = audiences->detail()->exportAudience();
        if (auto *dialog = qobject_cast<ui::ExportDialog *>(m_dialog.data())) {
            dialog->setPreset(m_options.exportPreset);
        }
    }
}

void ScreenshotMode::prepareAudienceBuilder(const std::function<void()> &ready)
{
    m_window.showPage(ui::MainWindow::Page::Audiences);
    ui::AudiencesArea *audiences = m_window.audiencesArea();
    ui::AudienceBuilder *builder = audiences->builder();
    const auto &columns = m_window.catalogArea()->columnValues();
    if (!audiences->newAudience() || columns.empty() || columns.front().values.empty()) {
        fail(QStringLiteral("the workspace has no built catalog to score"));
        return;
    }
    QString column = columns.front().column;
    QString value = QString::fromStdString(columns.front().values.front().value);
    if (!m_options.target.isEmpty()) {
        const qsizetype eq = m_options.target.indexOf(QLatin1Char('='));
        column = m_options.target.left(eq).trimmed();
        value = m_options.target.mid(eq + 1).trimmed();
        const auto known = std::find_if(columns.begin(), columns.end(),
                                        [&](const ui::ColumnValues &c) { return c.column == column; });
        if (known == columns.end() ||
            std::none_of(known->values.begin(), known->values.end(),
                         [&](const catalog::ValueCount &v) { return v.value == value.toStdString(); })) {
            fail(QStringLiteral("the catalog has no value %1 = %2").arg(column, value));
            return;
        }
    }
    builder->targetPicker()->setTarget(column, value);
    if (!m_options.audience.isEmpty()) {
        builder->setName(m_options.audience);
    }
    const double percent = m_options.sizePercent;
    QObject::connect(
        builder, &ui::AudienceBuilder::scoresShown, &m_window,
        [builder, percent, ready] {
            if (percent > 0) {
                builder->sizePicker()->setPercent(percent);
            }
            ready();
        },
        Qt::SingleShotConnection);
    if (!builder->score()) {
        fail(QStringLiteral("cannot score %1 = %2").arg(column, value));
    }
}

void ScreenshotMode::prepareSegment(const std::function<void()> &ready)
{
    m_window.showPage(ui::MainWindow::Page::Segments);
    ui::SegmentsArea *segments = m_window.segmentsArea();
    QString name = m_options.segment;
    if (name.isEmpty()) {
        const auto &saved = segments->listModel()->segments();
        const auto newest = std::max_element(saved.begin(), saved.end(), [](const auto &a, const auto &b) {
            return a.updatedAtMs < b.updatedAtMs;
        });
        if (newest == saved.end()) {
            ready(); // the empty list says there is none
            return;
        }
        name = QString::fromStdString(newest->name);
    }
    whenCountShown(segments->builder(), ready);
    if (!segments->openSegment(name)) {
        fail(QStringLiteral("cannot open the segment '%1'").arg(name));
    }
}

void ScreenshotMode::whenCountShown(ui::SegmentBuilder *builder, const std::function<void()> &ready)
{
    QObject::connect(
        builder, &ui::SegmentBuilder::countShown, &m_window,
        [this, ready] {
            showInsight();
            ready();
        },
        Qt::SingleShotConnection);
}

void ScreenshotMode::prepareSegmentTemplate(const std::function<void()> &ready)
{
    m_window.showPage(ui::MainWindow::Page::Segments);
    ui::SegmentsArea *segments = m_window.segmentsArea();
    segments->newSegment();
    if (!m_options.segment.isEmpty()) {
        segments->builder()->setName(m_options.segment);
    }
    // The traits are computed first; the picture waits for the template's count.
    whenCountShown(segments->builder(), ready);
    if (!segments->builder()->applyTemplate(m_options.templateName, m_options.params)) {
        fail(QStringLiteral("cannot apply the template '%1'").arg(m_options.templateName));
    }
}

void ScreenshotMode::drawDialog(QImage &image) const
{
    // A dialog is a window of its own, without decorations offscreen: draw it centred over the main
    // window under a plain title bar, as a desktop shows it.
    // Offscreen, nothing resizes the dialog to fit its wrapped texts: give it the height its width needs.
    const int width = qMax(m_dialog->width(), 560);
    const int height = m_dialog->hasHeightForWidth() ? m_dialog->heightForWidth(width) : 0;
    m_dialog->resize(width, qMax(height, m_dialog->minimumSizeHint().height()));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    const QImage dialog = m_dialog->grab().toImage();
    const qreal scale = image.width() / qreal(m_window.width());
    const int titleHeight = m_dialog->fontMetrics().height() + 10;
    const QRectF frame((m_window.width() - m_dialog->width()) / 2.0 * scale,
                       (m_window.height() - m_dialog->height() - titleHeight) / 2.0 * scale, dialog.width(),
                       dialog.height() + titleHeight * scale);
    QPainter painter(&image);
    const QRectF title(frame.topLeft(), QSizeF(frame.width(), titleHeight * scale));
    painter.fillRect(title, m_dialog->palette().color(QPalette::Mid));
    painter.setPen(m_dialog->palette().color(QPalette::BrightText));
    QFont font = m_dialog->font();
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(title, Qt::AlignCenter, m_dialog->windowTitle());
    painter.drawImage(title.bottomLeft(), dialog);
    painter.setPen(QPen(QColor(0, 0, 0, 110), 1));
    painter.drawRect(frame.adjusted(-1, -1, 0, 0));
}

void ScreenshotMode::showInsight()
{
    if (!m_options.insight.isEmpty()) {
        m_window.segmentsArea()->builder()->insights()->showTab(
            static_cast<ui::SegmentInsights::Tab>(insightIndex(m_options.insight)));
    }
}

bool ScreenshotMode::save()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
    QImage image = m_window.grab().toImage();
    if (m_dialog) {
        drawDialog(image);
    }
    const QString file = QFileInfo(m_options.file).absoluteFilePath();
    if (!image.save(file, "PNG")) {
        std::fprintf(stderr, "audience-workbench: cannot write %s\n", qPrintable(file));
        return false;
    }
    std::printf("Screenshot of %s written to %s\n", qPrintable(m_window.workspace().path()),
                qPrintable(file));
    return true;
}

} // namespace awb::app
