#pragma once
// The care migration (screening standings, facility locator R*Tree): kept beside the repositories that
// use it; schema.cpp lists it in its place in the numbered sequence.
namespace simpul::storage {

// Screening HLC and completion link (synced columns), the local screening standings and their dirty set
// (with triggers), the facilities R*Tree (with triggers), and report indexes.
const char* care_migration_sql();

}  // namespace simpul::storage
