// SPDX-License-Identifier: GPL-3.0-or-later
// The user guide inside the application: a non-modal window rendering the guide's Markdown, its pictures
// from the folder next to it, links within the guide followed in place and other links opened outside.
#pragma once

#include <QHash>
#include <QSize>
#include <QWidget>

class QTextBrowser;
class QUrl;

namespace awb::ui {

class UserGuideWindow : public QWidget
{
    Q_OBJECT
public:
    explicit UserGuideWindow(QWidget *parent = nullptr);

    /// Shows the Markdown file guide (an absolute path); its relative links and pictures resolve next to it.
    void showGuide(const QString &guide);
    /// The Markdown file shown (empty before showGuide).
    QString guide() const;

    QTextBrowser *browser() const { return m_browser; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void follow(const QUrl &link);
    void load(const QUrl &url);
    void scrollToHeading(const QString &fragment);
    void fitImages();
    QSize imageSize(const QString &name);

    QTextBrowser *m_browser;
    QHash<QString, QSize> m_imageSizes; ///< natural sizes of the pictures, by their name in the guide
};

} // namespace awb::ui
