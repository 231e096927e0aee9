// Package masartest is a ready-wired masar.Client for the tests of another
// service or a host: one call, masartest.New(t), gives a Client over a fresh
// memstore, on a fixed and movable clock, with test keys and every identity
// port a fake (the civil registry, the account directory, SMS, mail and the
// Nafath-like authenticator of identitytest), and helpers that make people,
// files and actors.
//
// # One person, one story
//
// Every person the World makes is generated from its seed
// (identitytest.NewGenerator) and is the same person in every fake: the
// names, birth date and gender of their employee file
// (records/recordstest.NewEmployee), of the civil registry's entry, and of
// what the fake authenticator proves at sign-in (and what
// adapters/nafath/nafathtest's server signs) are all
// identitytest.DefaultProfile of their national ID. So a test can register
// a person with their file's birth date and sign them in, and the identity
// it gets back names the person of the file, with no glue written by hand.
//
// # What is faked
//
// Nothing leaves the process: the registry, the account directory and the
// authenticator answer from memory (a sign-in is approved by the test, with
// World.SignIn or World.Auth.Approve), SMS and mail are kept in
// World.SMS and World.Mail for the test to read codes and tokens from, and
// the store is memstore. Pass masartest.WithStores to run the same World on
// another adapter (sqlstore on SQLite or PostgreSQL, say).
//
// # Determinism
//
// The same seed gives the same people, numbers, names and contact details;
// the clock starts at Start (Sunday 14 September 2025, 09:00 in Riyadh,
// 22 Rabi' al-Awwal 1447) unless WithStart says otherwise, and moves only
// when the test calls World.Clock.Advance.
package masartest
