package cache

import (
	"bytes"
	"encoding/binary"

	bolt "go.etcd.io/bbolt"

	"tern/imapsvc"
)

// Bodies are the decoded texts of messages the user read, kept so they
// open offline. Their total is bounded (Options.BodyLimit); the oldest
// stored go first.

func bodyPrefix(name imapsvc.FolderName) []byte {
	return append([]byte(name), 0)
}

func bodyKey(mb imapsvc.Mailbox, uid imapsvc.UID) []byte {
	k := bodyPrefix(mb.Name)
	k = binary.BigEndian.AppendUint32(k, mb.UIDValidity)
	return binary.BigEndian.AppendUint32(k, uid)
}

// PutBody keeps a message's text. A text larger than the whole bound is
// not kept.
func (s *Store) PutBody(mb imapsvc.Mailbox, m imapsvc.Message) error {
	if s.bodyLimit < 0 {
		return nil
	}
	v := encodeMessage(m)
	if int64(len(v)) > s.bodyLimit {
		return nil
	}
	return s.inFolder(mb, true, func(tx *bolt.Tx, b *bolt.Bucket) error {
		k := bodyKey(mb, m.UID)
		if err := deleteBody(tx, k); err != nil {
			return err
		}
		meta := tx.Bucket(bucketMeta)
		seq := getUint(meta, keySeq) + 1
		if err := putUint(meta, keySeq, seq); err != nil {
			return err
		}
		seqKey := binary.BigEndian.AppendUint64(nil, seq)
		val := append(seqKey[:8:8], v...)
		if err := tx.Bucket(bucketBodies).Put(k, val); err != nil {
			return err
		}
		if err := tx.Bucket(bucketAge).Put(seqKey, k); err != nil {
			return err
		}
		total := getUint(meta, keyBodyBytes) + uint64(len(val))
		if err := putUint(meta, keyBodyBytes, total); err != nil {
			return err
		}
		return evict(tx, s.bodyLimit)
	})
}

// Body returns a kept message text.
func (s *Store) Body(mb imapsvc.Mailbox, uid imapsvc.UID) (m imapsvc.Message, ok bool, err error) {
	err = s.inFolder(mb, false, func(tx *bolt.Tx, b *bolt.Bucket) error {
		v := tx.Bucket(bucketBodies).Get(bodyKey(mb, uid))
		if v == nil {
			return nil
		}
		if len(v) < 8 {
			return errDamaged
		}
		if m, err = decodeMessage(v[8:]); err != nil {
			return err
		}
		if m.UID != uid {
			return errDamaged
		}
		m.Mailbox, ok = mb, true
		return nil
	})
	return m, ok, err
}

// BodyBytes is what the kept texts take, as counted against the bound.
func (s *Store) BodyBytes() (n uint64, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		n = getUint(tx.Bucket(bucketMeta), keyBodyBytes)
		return nil
	})
	return n, err
}

// evict drops the oldest texts until the total is within limit.
func evict(tx *bolt.Tx, limit int64) error {
	meta := tx.Bucket(bucketMeta)
	c := tx.Bucket(bucketAge).Cursor()
	for getUint(meta, keyBodyBytes) > uint64(limit) {
		_, k := c.First()
		if k == nil {
			return putUint(meta, keyBodyBytes, 0)
		}
		if err := deleteBody(tx, bytes.Clone(k)); err != nil {
			return err
		}
	}
	return nil
}

// deleteBody removes a kept text and its age entry, and counts it off.
func deleteBody(tx *bolt.Tx, k []byte) error {
	bodies := tx.Bucket(bucketBodies)
	v := bodies.Get(k)
	if v == nil {
		return nil
	}
	if len(v) < 8 {
		return errDamaged
	}
	seq := bytes.Clone(v[:8])
	n := uint64(len(v))
	if err := bodies.Delete(k); err != nil {
		return err
	}
	if err := tx.Bucket(bucketAge).Delete(seq); err != nil {
		return err
	}
	meta := tx.Bucket(bucketMeta)
	total := getUint(meta, keyBodyBytes)
	return putUint(meta, keyBodyBytes, total-min(total, n))
}

// dropBodies removes every kept text of a folder.
func dropBodies(tx *bolt.Tx, name imapsvc.FolderName) error {
	prefix := bodyPrefix(name)
	var keys [][]byte
	c := tx.Bucket(bucketBodies).Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) == len(prefix)+8 {
			keys = append(keys, bytes.Clone(k))
		}
	}
	for _, k := range keys {
		if err := deleteBody(tx, k); err != nil {
			return err
		}
	}
	return nil
}

func getUint(b *bolt.Bucket, k []byte) uint64 {
	v := b.Get(k)
	if len(v) != 8 {
		return 0
	}
	return binary.BigEndian.Uint64(v)
}

func putUint(b *bolt.Bucket, k []byte, n uint64) error {
	return b.Put(k, binary.BigEndian.AppendUint64(nil, n))
}
