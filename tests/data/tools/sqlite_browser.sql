CREATE TABLE IF NOT EXISTS "users" (
	"id"	INTEGER NOT NULL,
	"name"	TEXT NOT NULL COLLATE NOCASE,
	"created"	DATETIME DEFAULT (datetime('now')),
	PRIMARY KEY("id" AUTOINCREMENT)
);
CREATE TABLE sqlite_sequence(name,seq);
CREATE TABLE notes (id integer primary key, user_id integer references users(id) on delete cascade, body text check (length(body) < 1000));
CREATE INDEX notes_user on notes(user_id);
CREATE VIEW v AS SELECT * FROM notes;
CREATE TRIGGER t AFTER INSERT ON notes BEGIN UPDATE users SET name = name WHERE id = new.user_id; END;
