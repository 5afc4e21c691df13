// Tether chat: the page at /. Plain JavaScript on the official socket.io client (/socket.io/socket.io.min.js).
//
// The server's chat UI events (see README-chat.md):
//   chat:name {name}, chat:join {room}, chat:leave {room}, chat:send {room|null, text}, each with an ack
//   {ok:true,...} or {ok:false,error};
//   chat:state {users:[{id,name,rooms}], rooms:[{name,members}]} pushed to everyone on every change;
//   chat:message {room|null, author, from, text, time}.
//
// For tests: window.tetherChat.socket is the client socket; <html data-state> is "connecting", "connected",
// "reconnecting" or "disconnected".
(function () {
    'use strict';

    var EVERYONE = '';              // the channel of messages to everyone
    var NAME_KEY = 'tether-chat-name';
    var ACK_TIMEOUT_MS = 5000;
    var PENDING_MS = 4000;          // how long a join or leave of ours outweighs a state that does not show it yet

    var root = document.documentElement;
    var el = function (id) { return document.getElementById(id); };
    var ui = {
        app: el('app'), menu: el('menu'), menuBadge: el('menu-badge'), backdrop: el('backdrop'),
        channelName: el('channel-name'), channelInfo: el('channel-info'), status: el('status'),
        reconnect: el('reconnect'), banner: el('banner'), meAvatar: el('me-avatar'), meName: el('me-name'),
        rename: el('rename'), rooms: el('rooms'), newRoom: el('new-room'), newRoomName: el('new-room-name'),
        roomError: el('room-error'), onlineCount: el('online-count'), users: el('users'), messages: el('messages'),
        composer: el('composer'), text: el('text'), send: el('send'), dialog: el('name-dialog'),
        nameForm: el('name-form'), nameInput: el('name-input'), nameError: el('name-error'),
        nameCancel: el('name-cancel')
    };

    var socket = null;
    var connection = 'connecting';
    var myName = readStoredName();
    var current = EVERYONE;
    var joined = new Set();                 // the rooms we are in, as far as we know
    var pending = new Map();                // room -> {join: boolean, until: ms}: our own changes in flight
    var state = {users: [], rooms: []};
    var channels = new Map();               // channel -> [{kind, ...}]
    var unread = new Map();                 // channel -> count

    // ---- helpers ----

    function readStoredName() {
        try {
            return localStorage.getItem(NAME_KEY) || null;
        } catch (e) {
            return null;
        }
    }

    function storeName(name) {
        try {
            localStorage.setItem(NAME_KEY, name);
        } catch (e) {
            // private mode: the name lives as long as the page
        }
    }

    function make(tag, className, text) {
        var node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined && text !== null) {
            node.textContent = text;
        }
        return node;
    }

    // a user without a name shows as its socket id: call it a guest
    function isGuest(name, id) {
        return !name || name === id;
    }

    function label(name, id) {
        return isGuest(name, id) ? 'guest-' + String(id || '').slice(0, 4) : name;
    }

    function hue(text) {
        var h = 0;
        for (var i = 0; i < text.length; i++) {
            h = (h * 31 + text.charCodeAt(i)) % 360;
        }
        return h;
    }

    function avatar(name, id) {
        var shown = label(name, id);
        var node = make('span', 'avatar', Array.from(shown)[0].toUpperCase());
        node.style.background = 'hsl(' + hue(shown) + ' 55% 45%)';
        node.setAttribute('aria-hidden', 'true');
        return node;
    }

    function formatTime(iso) {
        var date = new Date(iso);
        if (isNaN(date.getTime())) {
            return '';
        }
        return date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit'});
    }

    function channelTitle(channel) {
        return channel === EVERYONE ? 'Everyone' : '# ' + channel;
    }

    function emitAck(event, payload, done) {
        if (!socket || !socket.connected) {
            done({ok: false, error: 'not connected'});
            return;
        }
        socket.timeout(ACK_TIMEOUT_MS).emit(event, payload, function (err, answer) {
            if (err) {
                done({ok: false, error: 'no answer from the server'});
            } else {
                done(answer || {ok: false, error: 'no answer'});
            }
        });
    }

    function markPending(room, join) {
        pending.set(room, {join: join, until: Date.now() + PENDING_MS});
    }

    // ---- connection state ----

    function setConnection(value, detail) {
        connection = value;
        root.dataset.state = value;
        var texts = {
            connecting: 'Connecting…',
            connected: 'Connected',
            reconnecting: 'Reconnecting…',
            disconnected: 'Disconnected'
        };
        ui.status.textContent = texts[value];
        ui.reconnect.hidden = value !== 'disconnected';
        if (value === 'reconnecting') {
            ui.banner.textContent = 'Connection lost. Reconnecting' + (detail ? ' (attempt ' + detail + ')' : '') + '…';
            ui.banner.hidden = false;
        } else if (value === 'disconnected') {
            ui.banner.textContent = detail || 'Disconnected from the server.';
            ui.banner.hidden = false;
        } else {
            ui.banner.hidden = true;
        }
        renderComposer();
    }

    // ---- messages ----

    function channelOf(message) {
        if (message.room === null || message.room === undefined) {
            return EVERYONE;
        }
        if (socket && message.room === socket.id) {
            return EVERYONE;   // sent to our own room: a direct message, shown with the rest
        }
        return message.room;
    }

    function add(channel, entry) {
        if (!channels.has(channel)) {
            channels.set(channel, []);
        }
        channels.get(channel).push(entry);
        if (channel === current) {
            appendEntry(entry, true);
        } else if (entry.kind === 'message') {
            unread.set(channel, (unread.get(channel) || 0) + 1);
            renderRooms();
            renderMenuBadge();
        }
    }

    function notice(channel, text) {
        add(channel, {kind: 'notice', text: text});
    }

    function entryNode(entry) {
        if (entry.kind === 'notice') {
            return make('li', 'notice', entry.text);
        }
        var m = entry.message;
        var mine = socket && m.from === socket.id;
        var item = make('li', 'msg' + (mine ? ' mine' : ''));
        item.dataset.room = m.room === null || m.room === undefined ? '' : m.room;
        item.dataset.author = m.author;
        item.dataset.from = m.from || '';
        item.appendChild(avatar(m.author, m.from));
        var bubble = make('div', 'bubble');
        var head = make('div', 'msg-head');
        var author = make('span', 'msg-author' + (isGuest(m.author, m.from) ? ' guest' : ''), label(m.author, m.from));
        if (!mine) {
            author.style.color = 'hsl(' + hue(label(m.author, m.from)) + ' 55% 40%)';
        }
        head.appendChild(author);
        if (socket && m.room === socket.id) {
            head.appendChild(make('span', 'msg-to', 'to you'));
        }
        var time = make('time', 'msg-time', formatTime(m.time));
        time.dateTime = m.time;
        time.title = new Date(m.time).toLocaleString();
        head.appendChild(time);
        bubble.appendChild(head);
        bubble.appendChild(make('div', 'msg-text', m.text));
        item.appendChild(bubble);
        return item;
    }

    function nearBottom() {
        var box = ui.messages;
        return box.scrollHeight - box.scrollTop - box.clientHeight < 80;
    }

    function appendEntry(entry, scroll) {
        var stick = nearBottom();
        var empty = ui.messages.querySelector('.empty');
        if (empty) {
            empty.remove();
        }
        ui.messages.appendChild(entryNode(entry));
        if (scroll && (stick || (entry.message && socket && entry.message.from === socket.id))) {
            ui.messages.scrollTop = ui.messages.scrollHeight;
        }
    }

    function renderMessages() {
        ui.messages.textContent = '';
        var entries = channels.get(current) || [];
        if (!entries.some(function (e) { return e.kind === 'message'; })) {
            ui.messages.appendChild(make('li', 'empty', current === EVERYONE
                ? 'No messages yet. Everyone online sees what you send here.'
                : 'No messages in #' + current + ' yet. Only its members see what you send here.'));
        }
        entries.forEach(function (entry) {
            ui.messages.appendChild(entryNode(entry));
        });
        ui.messages.scrollTop = ui.messages.scrollHeight;
    }

    // ---- channels and rooms ----

    function select(channel) {
        current = channel;
        unread.delete(channel);
        closeDrawer();
        render();
        renderMessages();
        if (window.matchMedia('(min-width: 761px)').matches) {
            ui.text.focus();
        }
    }

    function join(room) {
        ui.roomError.textContent = '';
        emitAck('chat:join', {room: room}, function (answer) {
            if (!answer.ok) {
                ui.roomError.textContent = answer.error;
                return;
            }
            var name = answer.room;
            markPending(name, true);
            if (!joined.has(name)) {
                joined.add(name);
                notice(name, 'You joined #' + name);
            }
            select(name);
        });
    }

    function leave(room) {
        emitAck('chat:leave', {room: room}, function (answer) {
            if (!answer.ok) {
                ui.roomError.textContent = answer.error;
                return;
            }
            markPending(room, false);
            left(room, 'You left #' + room);
        });
    }

    function left(room, text) {
        if (!joined.delete(room)) {
            return;
        }
        notice(room, text);
        unread.delete(room);
        if (current === room) {
            select(EVERYONE);
            notice(EVERYONE, text);
        } else {
            render();
        }
    }

    /** The server's state, with our own joins and leaves still in flight taken into account. */
    function applyState(next) {
        state = next;
        var me = socket && state.users.find(function (u) { return u.id === socket.id; });
        if (me) {
            var now = Date.now();
            var serverRooms = new Set(me.rooms);
            pending.forEach(function (p, room) {
                if (p.until < now || serverRooms.has(room) === p.join) {
                    pending.delete(room);
                }
            });
            Array.from(joined).forEach(function (room) {
                if (!serverRooms.has(room) && !pending.has(room)) {
                    left(room, 'You are no longer in #' + room);
                }
            });
            serverRooms.forEach(function (room) {
                if (!joined.has(room) && !pending.has(room)) {
                    joined.add(room);
                }
            });
            if (myName === null && !isGuest(me.name, me.id)) {
                myName = me.name;
            }
        }
        render();
    }

    // ---- rendering ----

    function render() {
        renderMe();
        renderHeader();
        renderRooms();
        renderUsers();
        renderComposer();
        renderMenuBadge();
    }

    function renderMe() {
        ui.meName.textContent = myName || 'No name yet';
        ui.meAvatar.textContent = myName ? Array.from(myName)[0].toUpperCase() : '?';
        ui.meAvatar.style.background = myName ? 'hsl(' + hue(myName) + ' 55% 45%)' : '';
    }

    function renderHeader() {
        ui.channelName.textContent = channelTitle(current);
        var info;
        if (current === EVERYONE) {
            info = state.users.length + ' online';
        } else {
            var room = state.rooms.find(function (r) { return r.name === current; });
            var members = room ? room.members : 0;
            info = members + (members === 1 ? ' member' : ' members');
        }
        ui.channelInfo.textContent = info;
        document.title = (totalUnread() > 0 ? '(' + totalUnread() + ') ' : '') + channelTitle(current)
                + ' · Tether chat';
    }

    function roomRow(name, members, isEveryone) {
        var isJoined = isEveryone || joined.has(name);
        var item = make('li', (isEveryone ? 'everyone' : '') + (isJoined ? ' joined' : '')
                + (name === current ? ' current' : ''));
        item.dataset.room = name;
        var open = make('button', 'room-open');
        open.type = 'button';
        open.title = isJoined ? 'Open ' + channelTitle(name) : 'Join #' + name;
        open.appendChild(make('span', 'room-name', isEveryone ? 'Everyone' : name));
        var count = make('span', 'room-count', String(members));
        count.title = isEveryone ? members + ' online' : members + (members === 1 ? ' member' : ' members');
        open.appendChild(count);
        var n = unread.get(name) || 0;
        if (n > 0) {
            open.appendChild(make('span', 'unread', String(n)));
        }
        open.addEventListener('click', function () {
            if (isJoined) {
                select(name);
            } else {
                join(name);
            }
        });
        item.appendChild(open);
        if (!isEveryone) {
            var action = make('button', 'room-action', isJoined ? 'Leave' : 'Join');
            action.type = 'button';
            action.setAttribute('aria-label', (isJoined ? 'Leave #' : 'Join #') + name);
            action.addEventListener('click', function () {
                if (isJoined) {
                    leave(name);
                } else {
                    join(name);
                }
            });
            item.appendChild(action);
        }
        return item;
    }

    function renderRooms() {
        ui.rooms.textContent = '';
        ui.rooms.appendChild(roomRow(EVERYONE, state.users.length, true));
        var counts = new Map(state.rooms.map(function (r) { return [r.name, r.members]; }));
        joined.forEach(function (room) {
            if (!counts.has(room)) {
                counts.set(room, 1);   // ours, the state not there yet
            }
        });
        Array.from(counts.keys()).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (room) {
            ui.rooms.appendChild(roomRow(room, counts.get(room), false));
        });
    }

    function renderUsers() {
        ui.users.textContent = '';
        ui.onlineCount.textContent = String(state.users.length);
        state.users.forEach(function (user) {
            var mine = socket && user.id === socket.id;
            var item = make('li', mine ? 'me-row' : '');
            item.dataset.userId = user.id;
            item.appendChild(avatar(user.name, user.id));
            var text = make('div', 'user-text');
            text.appendChild(make('span', 'user-name' + (isGuest(user.name, user.id) ? ' guest' : ''),
                    label(user.name, user.id)));
            if (user.rooms.length > 0) {
                text.appendChild(make('span', 'user-rooms', user.rooms.map(function (r) { return '#' + r; })
                        .join(' ')));
            }
            item.appendChild(text);
            ui.users.appendChild(item);
        });
    }

    function renderComposer() {
        var ready = connection === 'connected' && myName !== null;
        ui.text.disabled = !ready;
        ui.send.disabled = !ready;
        if (connection !== 'connected') {
            ui.text.placeholder = connection === 'disconnected' ? 'Disconnected' : 'Waiting for the connection…';
        } else if (myName === null) {
            ui.text.placeholder = 'Choose a name first';
        } else {
            ui.text.placeholder = current === EVERYONE ? 'Message everyone' : 'Message #' + current;
        }
    }

    function totalUnread() {
        var total = 0;
        unread.forEach(function (n) { total += n; });
        return total;
    }

    function renderMenuBadge() {
        ui.menuBadge.hidden = totalUnread() === 0;
    }

    // ---- the drawer (phones) ----

    function openDrawer() {
        ui.app.classList.add('drawer-open');
        ui.backdrop.hidden = false;
        ui.menu.setAttribute('aria-expanded', 'true');
    }

    function closeDrawer() {
        ui.app.classList.remove('drawer-open');
        ui.backdrop.hidden = true;
        ui.menu.setAttribute('aria-expanded', 'false');
    }

    ui.menu.addEventListener('click', function () {
        if (ui.app.classList.contains('drawer-open')) {
            closeDrawer();
        } else {
            openDrawer();
        }
    });
    ui.backdrop.addEventListener('click', closeDrawer);
    document.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') {
            closeDrawer();
        }
    });

    // ---- the name ----

    function showNameDialog() {
        ui.nameInput.value = myName || '';
        ui.nameError.textContent = '';
        ui.nameCancel.hidden = myName === null;
        ui.dialog.hidden = false;
        ui.nameInput.focus();
        ui.nameInput.select();
    }

    function sendName(name, done) {
        emitAck('chat:name', {name: name}, function (answer) {
            if (answer.ok) {
                myName = answer.name;
                storeName(myName);
                render();
            }
            done(answer);
        });
    }

    ui.nameForm.addEventListener('submit', function (event) {
        event.preventDefault();
        var name = ui.nameInput.value.trim();
        if (!name) {
            ui.nameError.textContent = 'Type a name first.';
            return;
        }
        if (!socket || !socket.connected) {
            // kept for when the connection is there
            myName = name;
            storeName(name);
            ui.dialog.hidden = true;
            render();
            return;
        }
        var first = myName === null;
        ui.nameForm.querySelector('[type=submit]').disabled = true;
        sendName(name, function (answer) {
            ui.nameForm.querySelector('[type=submit]').disabled = false;
            if (!answer.ok) {
                ui.nameError.textContent = answer.error;
                return;
            }
            ui.dialog.hidden = true;
            notice(current, first ? 'Welcome, ' + answer.name + '!' : 'You are now ' + answer.name);
            if (window.matchMedia('(min-width: 761px)').matches) {
                ui.text.focus();
            }
        });
    });
    ui.nameCancel.addEventListener('click', function () {
        ui.dialog.hidden = true;
    });
    ui.rename.addEventListener('click', function () {
        closeDrawer();
        showNameDialog();
    });

    // ---- rooms and messages from the forms ----

    ui.newRoom.addEventListener('submit', function (event) {
        event.preventDefault();
        var room = ui.newRoomName.value.trim();
        if (room) {
            ui.newRoomName.value = '';
            join(room);
        }
    });

    ui.composer.addEventListener('submit', function (event) {
        event.preventDefault();
        var text = ui.text.value;
        if (!text.trim()) {
            return;
        }
        var target = current;
        ui.text.value = '';
        emitAck('chat:send', {room: target === EVERYONE ? null : target, text: text}, function (answer) {
            if (!answer.ok) {
                notice(target, 'Not sent: ' + answer.error);
                if (!ui.text.value) {
                    ui.text.value = text;
                }
            }
        });
    });

    // ---- the connection ----

    render();
    renderMessages();

    if (typeof io !== 'function') {
        setConnection('disconnected', 'The socket.io client did not load (/socket.io/socket.io.min.js).');
        return;
    }

    socket = io({reconnectionDelayMax: 5000});
    window.tetherChat = {
        socket: socket,
        state: function () { return state; },
        joined: function () { return Array.from(joined); },
        current: function () { return current; }
    };
    setConnection('connecting');

    socket.on('connect', function () {
        setConnection('connected');
        if (myName !== null) {
            sendName(myName, function (answer) {
                if (!answer.ok) {
                    myName = null;
                    showNameDialog();
                    ui.nameError.textContent = answer.error;
                } else {
                    ui.dialog.hidden = true;
                }
            });
        } else if (ui.dialog.hidden) {
            showNameDialog();
        }
        // after a reconnection: back into our rooms (a new connection is a new socket)
        joined.forEach(function (room) {
            markPending(room, true);
            emitAck('chat:join', {room: room}, function (answer) {
                if (!answer.ok) {
                    pending.delete(room);
                    left(room, 'Could not rejoin #' + room + ': ' + answer.error);
                }
            });
        });
        render();
    });
    socket.on('disconnect', function (reason) {
        if (reason === 'io server disconnect') {
            setConnection('disconnected', 'The server disconnected this page.');
        } else if (reason === 'io client disconnect') {
            setConnection('disconnected');
        } else {
            setConnection('reconnecting');
        }
    });
    socket.on('connect_error', function () {
        setConnection(socket.active ? 'reconnecting' : 'disconnected');
    });
    socket.io.on('reconnect_attempt', function (attempt) {
        setConnection('reconnecting', attempt);
    });
    socket.io.on('reconnect_failed', function () {
        setConnection('disconnected', 'Could not reconnect to the server.');
    });
    ui.reconnect.addEventListener('click', function () {
        setConnection('connecting');
        socket.connect();
    });

    socket.on('chat:state', applyState);
    socket.on('chat:message', function (message) {
        add(channelOf(message), {kind: 'message', message: message});
        if (channelOf(message) !== current) {
            renderHeader();
        }
    });

    if (myName === null) {
        showNameDialog();
    }
})();
