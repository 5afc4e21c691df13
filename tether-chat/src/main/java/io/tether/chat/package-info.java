/**
 * The chat application and the {@code tether} command line: the python-socketio + Django example this project
 * started from, served on Tether ({@link io.tether.chat.ChatApp} for its events, {@code ChatUi} for the chat page,
 * {@code ChatServer} to serve both), with its settings, message log and the official client scripts. An
 * application: it uses tether-netty, tether-redis and tether-core's API, and exports nothing.
 */
package io.tether.chat;
