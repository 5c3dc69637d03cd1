package cache

import (
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"tern/imapsvc"
)

var (
	keyState = []byte("state")
	keyUIDs  = []byte("uids")
	keyRows  = []byte("rows")
)

func uidKey(u imapsvc.UID) []byte { return binary.BigEndian.AppendUint32(nil, u) }

// folderBucket is the folder's bucket if it holds uidValidity; every read
// and write goes through it, so nothing of an old UIDVALIDITY is used.
func folderBucket(tx *bolt.Tx, name imapsvc.FolderName, uidValidity uint32) *bolt.Bucket {
	b := tx.Bucket(bucketFolders).Bucket([]byte(name))
	if b == nil {
		return nil
	}
	st, err := decodeState(b.Get(keyState))
	if err != nil || st.UIDValidity != uidValidity {
		return nil
	}
	return b
}

// Folder returns what the cache holds about a folder; ok is false when
// it holds nothing.
func (s *Store) Folder(name imapsvc.FolderName) (st FolderState, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFolders).Bucket([]byte(name))
		if b == nil {
			return nil
		}
		st, err = decodeState(b.Get(keyState))
		ok = err == nil
		return err
	})
	return st, ok, err
}

// Begin makes the folder's entry be of uidValidity: an entry of another
// UIDVALIDITY is dropped whole (rows, UID list, bodies), since its UIDs
// now name other messages. It reports whether an old entry was dropped.
func (s *Store) Begin(name imapsvc.FolderName, uidValidity uint32) (dropped bool, err error) {
	err = s.update(func(tx *bolt.Tx) error {
		folders := tx.Bucket(bucketFolders)
		if b := folders.Bucket([]byte(name)); b != nil {
			st, err := decodeState(b.Get(keyState))
			if err == nil && st.UIDValidity == uidValidity {
				return nil
			}
			dropped = true
			if err := folders.DeleteBucket([]byte(name)); err != nil {
				return err
			}
			if err := dropBodies(tx, name); err != nil {
				return err
			}
		}
		b, err := folders.CreateBucket([]byte(name))
		if err != nil {
			return err
		}
		if _, err := b.CreateBucket(keyRows); err != nil {
			return err
		}
		return b.Put(keyState, encodeState(FolderState{UIDValidity: uidValidity}))
	})
	return dropped, err
}

// DropFolder forgets a folder (deleted or renamed on the server).
func (s *Store) DropFolder(name imapsvc.FolderName) error {
	return s.update(func(tx *bolt.Tx) error {
		folders := tx.Bucket(bucketFolders)
		if folders.Bucket([]byte(name)) != nil {
			if err := folders.DeleteBucket([]byte(name)); err != nil {
				return err
			}
		}
		return dropBodies(tx, name)
	})
}

// SetState records the folder's HIGHESTMODSEQ and UIDNEXT; call it only
// once the cached flags and UIDs are right up to that MODSEQ.
func (s *Store) SetState(name imapsvc.FolderName, st FolderState) error {
	return s.update(func(tx *bolt.Tx) error {
		b := folderBucket(tx, name, st.UIDValidity)
		if b == nil {
			return nil
		}
		return b.Put(keyState, encodeState(st))
	})
}

// UIDs returns the cached UID list, ascending; nil when none is cached.
func (s *Store) UIDs(mb imapsvc.Mailbox) (uids []imapsvc.UID, err error) {
	err = s.inFolder(mb, false, func(tx *bolt.Tx, b *bolt.Bucket) error {
		if b.Get(keyUIDs) == nil {
			return nil
		}
		uids, err = decodeUIDs(b.Get(keyUIDs))
		return err
	})
	return uids, err
}

// SetUIDs stores the folder's UID list as the server gave it and drops
// the rows and bodies of messages no longer in it.
func (s *Store) SetUIDs(mb imapsvc.Mailbox, uids []imapsvc.UID) error {
	return s.SetPackedUIDs(mb, PackUIDs(uids))
}

// SetPackedUIDs is SetUIDs of a list packed by PackUIDs.
func (s *Store) SetPackedUIDs(mb imapsvc.Mailbox, p PackedUIDs) error {
	// Checked as a stored list would be: a list packed wrong must not
	// reach the file.
	now, err := decodeRuns(p)
	if err != nil {
		return fmt.Errorf("packed UID list: %w", err)
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		gone, err := goneUIDs(b, now)
		if err != nil {
			return err
		}
		if err := removeRows(tx, b, mb, gone); err != nil {
			return err
		}
		return b.Put(keyUIDs, p)
	})
}

// goneUIDs lists the cached UIDs that the runs lack. With a cached list it
// compares the two lists, so the rows' pages stay on disk (a scan would
// map every page of a 200,000-message folder into memory); without one,
// it scans the rows.
func goneUIDs(b *bolt.Bucket, now []uidRun) ([]imapsvc.UID, error) {
	if v := b.Get(keyUIDs); v != nil {
		was, err := decodeRuns(v)
		if err != nil {
			return nil, err
		}
		return uidsOf(minus(was, now)), nil
	}
	var gone []imapsvc.UID
	c := b.Bucket(keyRows).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) != 4 {
			return nil, errDamaged
		}
		if u := binary.BigEndian.Uint32(k); !holds(now, u) {
			gone = append(gone, u)
		}
	}
	return gone, nil
}

// Remove forgets expunged messages: their UIDs, rows and bodies.
func (s *Store) Remove(mb imapsvc.Mailbox, uids []imapsvc.UID) error {
	if len(uids) == 0 {
		return nil
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		if err := editUIDs(b, func(list []uidRun) []uidRun { return minus(list, runsOf(sorted(uids))) }); err != nil {
			return err
		}
		return removeRows(tx, b, mb, uids)
	})
}

func removeRows(tx *bolt.Tx, b *bolt.Bucket, mb imapsvc.Mailbox, uids []imapsvc.UID) error {
	rows, keys := b.Bucket(keyRows), b.Bucket(keyKeys)
	for _, u := range uids {
		if err := rows.Delete(uidKey(u)); err != nil {
			return err
		}
		if keys != nil {
			if err := keys.Delete(uidKey(u)); err != nil {
				return err
			}
		}
		if err := deleteBody(tx, bodyKey(mb, u)); err != nil {
			return err
		}
	}
	return nil
}

// AddUIDs appends new mail to the cached UID list.
func (s *Store) AddUIDs(mb imapsvc.Mailbox, uids []imapsvc.UID) error {
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		return editUIDs(b, func(list []uidRun) []uidRun { return union(list, runsOf(sorted(uids))) })
	})
}

// editUIDs rewrites the folder's cached UID list with edit. Without a list
// yet it does nothing: the next UIDs answer brings one.
func editUIDs(b *bolt.Bucket, edit func([]uidRun) []uidRun) error {
	v := b.Get(keyUIDs)
	if v == nil {
		return nil
	}
	list, err := decodeRuns(v)
	if err != nil {
		return err
	}
	return b.Put(keyUIDs, packRuns(edit(list)))
}

// sorted is uids ascending without repeats, on a copy if they were not.
func sorted(uids []imapsvc.UID) []imapsvc.UID {
	if ascending(uids) {
		return uids
	}
	return slices.Compact(slices.Sorted(slices.Values(uids)))
}

// PutRows stores list rows. A row without details keeps the size and
// attachment mark already cached for it.
func (s *Store) PutRows(mb imapsvc.Mailbox, rows []imapsvc.Row) error {
	if len(rows) == 0 {
		return nil
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		rb := b.Bucket(keyRows)
		// Rows mostly arrive in UID order: fuller pages keep the file
		// near half the size bbolt's default split would make it.
		rb.FillPercent = 0.9
		for _, r := range rows {
			k := uidKey(r.UID)
			if !r.HasDetails {
				if v := rb.Get(k); v != nil {
					old, err := decodeRow(v)
					if err != nil {
						return err
					}
					if old.HasDetails {
						r.Size, r.Attachment, r.HasDetails = old.Size, old.Attachment, true
					}
				}
			}
			if err := rb.Put(k, encodeRow(r)); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutDetails stores sizes and attachment marks of rows already cached.
func (s *Store) PutDetails(mb imapsvc.Mailbox, details []imapsvc.Row) error {
	return s.modify(mb, len(details), func(i int) imapsvc.UID { return details[i].UID },
		func(i int, r *imapsvc.Row) {
			r.Size, r.Attachment, r.HasDetails = details[i].Size, details[i].Attachment, true
		})
}

// SetFlags stores new flags of cached rows.
func (s *Store) SetFlags(mb imapsvc.Mailbox, updates []imapsvc.FlagUpdate) error {
	return s.modify(mb, len(updates), func(i int) imapsvc.UID { return updates[i].UID },
		func(i int, r *imapsvc.Row) { r.Flags = updates[i].Flags })
}

func (s *Store) modify(mb imapsvc.Mailbox, n int, uid func(int) imapsvc.UID, change func(int, *imapsvc.Row)) error {
	if n == 0 {
		return nil
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		rb := b.Bucket(keyRows)
		for i := range n {
			k := uidKey(uid(i))
			v := rb.Get(k)
			if v == nil {
				continue
			}
			r, err := decodeRow(v)
			if err != nil {
				return err
			}
			change(i, &r)
			if err := rb.Put(k, encodeRow(r)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Rows returns the cached rows of uids, in the order asked; UIDs the cache
// has no row for are left out.
func (s *Store) Rows(mb imapsvc.Mailbox, uids []imapsvc.UID) (rows []imapsvc.Row, err error) {
	err = s.inFolder(mb, false, func(tx *bolt.Tx, b *bolt.Bucket) error {
		rb := b.Bucket(keyRows)
		for _, u := range uids {
			v := rb.Get(uidKey(u))
			if v == nil {
				continue
			}
			r, err := decodeRow(v)
			if err != nil {
				return err
			}
			if r.UID != u {
				return errDamaged
			}
			rows = append(rows, r)
		}
		return nil
	})
	return rows, err
}

// EachRow calls fn for every cached row of the folder in UID order,
// reading from disk as it goes (client-side sort and threads read the
// whole folder this way without holding it).
func (s *Store) EachRow(mb imapsvc.Mailbox, fn func(imapsvc.Row)) error {
	return s.inFolder(mb, false, func(tx *bolt.Tx, b *bolt.Bucket) error {
		return b.Bucket(keyRows).ForEach(func(k, v []byte) error {
			r, err := decodeRow(v)
			if err != nil {
				return err
			}
			fn(r)
			return nil
		})
	})
}

// SetFolderList keeps the last LIST answer, for starting offline.
func (s *Store) SetFolderList(fs []imapsvc.Folder) error {
	return s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(keyFolderList, encodeFolders(fs))
	})
}

// FolderList returns the last LIST answer kept, nil if none.
func (s *Store) FolderList() (fs []imapsvc.Folder, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyFolderList)
		if v == nil {
			return nil
		}
		fs, err = decodeFolders(v)
		return err
	})
	return fs, err
}

var keyLast = []byte("last")

// SetLast remembers the folder open last and how (read-only), so the
// next start shows it from the cache before connecting.
func (s *Store) SetLast(name imapsvc.FolderName, readOnly bool) error {
	return s.update(func(tx *bolt.Tx) error {
		e := newEnc()
		e.str(string(name))
		e.bool(readOnly)
		return tx.Bucket(bucketMeta).Put(keyLast, e.done())
	})
}

// Last is the folder SetLast remembered; "" when none.
func (s *Store) Last() (name imapsvc.FolderName, readOnly bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get(keyLast)
		if v == nil {
			return nil
		}
		d := newDec(v)
		name, readOnly = imapsvc.FolderName(d.str()), d.bool()
		return d.end()
	})
	return name, readOnly, err
}

// ascending reports whether uids is strictly ascending.
func ascending(uids []imapsvc.UID) bool {
	for i := 1; i < len(uids); i++ {
		if uids[i] <= uids[i-1] {
			return false
		}
	}
	return true
}
