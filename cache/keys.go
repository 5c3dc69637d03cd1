package cache

import (
	"tern/imapsvc"

	bolt "go.etcd.io/bbolt"
)

// Sort and thread keys (Date, From, Subject, Message-ID, In-Reply-To,
// References, INTERNALDATE, size) never change for a UID, so once
// fetched they are kept: sorting a cached folder again needs only the
// messages not seen before.

var keyKeys = []byte("keys")

func encodeKeys(k imapsvc.MessageKeys) []byte {
	e := newEnc()
	e.uint(uint64(k.UID))
	e.uint(uint64(k.Known))
	e.time(k.Arrived)
	e.time(k.Date)
	e.str(k.From)
	e.str(k.Subject)
	e.int(k.Size)
	e.str(k.MessageID)
	e.str(k.InReplyTo)
	e.strs(k.References)
	return e.done()
}

func decodeKeys(v []byte) (imapsvc.MessageKeys, error) {
	d := newDec(v)
	k := imapsvc.MessageKeys{UID: d.uid(), Known: imapsvc.KeyFields(d.uint())}
	k.Arrived, k.Date = d.time(), d.time()
	k.From, k.Subject = d.line(), d.line()
	k.Size = d.int()
	k.MessageID, k.InReplyTo = d.line(), d.line()
	k.References = d.lines()
	return k, d.end()
}

// PutKeys keeps sort keys, merged with what is kept for the same UIDs.
func (s *Store) PutKeys(mb imapsvc.Mailbox, keys []imapsvc.MessageKeys) error {
	if len(keys) == 0 {
		return nil
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		kb, err := b.CreateBucketIfNotExists(keyKeys)
		if err != nil {
			return err
		}
		kb.FillPercent = 0.9
		for _, k := range keys {
			id := uidKey(k.UID)
			if v := kb.Get(id); v != nil {
				old, err := decodeKeys(v)
				if err != nil {
					return err
				}
				k = old.Merge(k)
			}
			if err := kb.Put(id, encodeKeys(k)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Keys returns the kept sort keys of uids (those it has), in the order
// asked.
func (s *Store) Keys(mb imapsvc.Mailbox, uids []imapsvc.UID) (keys []imapsvc.MessageKeys, err error) {
	err = s.inFolder(mb, false, func(tx *bolt.Tx, b *bolt.Bucket) error {
		if b.Bucket(keyKeys) == nil {
			return nil
		}
		kb := b.Bucket(keyKeys)
		for _, u := range uids {
			v := kb.Get(uidKey(u))
			if v == nil {
				continue
			}
			k, err := decodeKeys(v)
			if err != nil {
				return err
			}
			if k.UID != u {
				return errDamaged
			}
			keys = append(keys, k)
		}
		return nil
	})
	return keys, err
}
