"""A photo from the tablet's camera, where Qt Multimedia is installed (the optional `camera` extra,
PySide6-Addons; Thirds runs and tests without it, adding photos from files).

The image goes through the same import as a file (core.photos.import_photo): downscaled, re-encoded,
no location or device metadata kept.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from gui.widgets.question import Icon, Role, ask
from gui.words import ui


class Source(Enum):
    CAMERA = "camera"
    FILE = "file"


def available() -> bool:
    """Qt Multimedia is installed and this computer has a camera."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


def ask_source(parent: QWidget, title: str) -> Source | None:
    """Camera or file, two big buttons; None when the practitioner closes the question."""
    words = ui().photos
    return ask(parent, Icon.Question, title, words.source_question,
               [(Source.CAMERA, words.source_camera, Role.AcceptRole), (Source.FILE, words.source_file, Role.ActionRole),
                (None, words.camera_cancel, Role.RejectRole)], safe=None)


def jpeg_of(image: QImage) -> bytes:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, b"JPEG", 92)
    return bytes(buffer.data().data())


def take_photo(parent: QWidget, title: str) -> bytes | None:
    """The camera's picture in a window with Take photo / Cancel; the photo as JPEG, or None."""
    from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession, QMediaDevices
    from PySide6.QtMultimediaWidgets import QVideoWidget

    words = ui().photos
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    dialog.resize(900, 700)
    layout = QVBoxLayout(dialog)
    view = QVideoWidget(dialog)
    layout.addWidget(view, 1)
    message = QLabel("", dialog)
    message.setTextFormat(Qt.TextFormat.PlainText)  # paths, errors, typed text: never markup
    message.setWordWrap(True)
    layout.addWidget(message)
    buttons = QHBoxLayout()
    take, cancel = QPushButton(words.camera_take, dialog), QPushButton(words.camera_cancel, dialog)
    for button in (take, cancel):
        button.setMinimumSize(160, 56)
        button.setAccessibleName(button.text())
        buttons.addWidget(button)
    layout.addLayout(buttons)
    session = QMediaCaptureSession(dialog)
    camera = QCamera(QMediaDevices.defaultVideoInput(), dialog)
    capture = QImageCapture(dialog)
    session.setCamera(camera)
    session.setImageCapture(capture)
    session.setVideoOutput(view)
    taken: list[QImage] = []

    def captured(_id: int, image: QImage) -> None:
        taken.append(image)
        dialog.accept()

    capture.imageCaptured.connect(captured)
    capture.errorOccurred.connect(lambda _id, _error, text: message.setText(words.fill("camera_failed", reason=text)))
    camera.errorOccurred.connect(lambda _error, text: message.setText(words.fill("camera_failed", reason=text)))
    take.clicked.connect(lambda: capture.capture())
    cancel.clicked.connect(dialog.reject)
    camera.start()
    try:
        dialog.exec()
    finally:
        camera.stop()
    return jpeg_of(taken[0]) if taken else None
