#include "simpul/storage/users.hpp"

#include <sodium.h>

#include "simpul/core/uuid.hpp"
#include "simpul/storage/codec.hpp"

namespace simpul::storage {
namespace {

bool sodium_ready() {
  static const bool ok = sodium_init() >= 0;
  return ok;
}

Status check_password_rules(const std::string& password) {
  if (password.size() < 8) {
    return make_error(ErrorKind::invalid, "password.too_short", "password must have at least 8 characters");
  }
  return {};
}

}  // namespace

Result<std::string> hash_password(const std::string& password) {
  if (!sodium_ready()) return make_error(ErrorKind::permanent, "crypto.init", "libsodium failed to initialise");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error(ErrorKind::transient, "crypto.memory", "not enough memory to hash the password");
  }
  return std::string(out);
}

bool verify_password(const std::string& hash, const std::string& password) {
  if (!sodium_ready() || hash.empty()) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Result<std::string> Users::create(const Actor& who, User user, const std::string& password) {
  SIMPUL_TRY(check_password_rules(password));
  if (user.username.empty()) return make_error(ErrorKind::invalid, "user.no_name", "username is required");
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  user.password_hash = *hash;
  if (user.id.empty()) user.id = uuid_v7(r_.clock());
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto existing = by_username(user.username);
  if (!existing.ok()) return existing.error();
  if (existing->has_value()) {
    return make_error(ErrorKind::conflict, "user.exists", "username " + user.username + " is already taken");
  }
  Fields f = to_fields(user);
  f["facility"] = r_.device().facility;
  auto w = r_.upsert(who, "user", user.id, f);
  if (!w.ok()) return w.error();
  SIMPUL_TRY(tx->commit());
  return user.id;
}

Status Users::set_password(const Actor& who, const std::string& user_id, const std::string& password) {
  SIMPUL_TRY(check_password_rules(password));
  auto hash = hash_password(password);
  if (!hash.ok()) return hash.error();
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "user", user_id, Fields{{"password_hash", *hash}, {"demo", 0}});
  if (!w.ok()) return w.error();
  return tx->commit();
}

Status Users::set_role(const Actor& who, const std::string& user_id, Role role) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "user", user_id, Fields{{"role", role_code(role)}});
  if (!w.ok()) return w.error();
  return tx->commit();
}

Status Users::set_active(const Actor& who, const std::string& user_id, bool active) {
  auto tx = Transaction::begin(r_.db());
  if (!tx.ok()) return tx.error();
  auto w = r_.upsert(who, "user", user_id, Fields{{"active", active ? 1 : 0}});
  if (!w.ok()) return w.error();
  return tx->commit();
}

Result<std::optional<User>> Users::by_username(const std::string& username) {
  auto st = r_.db().prepare("SELECT id FROM users WHERE username = ?1");
  st->bind(1, username);
  auto row = st->step();
  if (!row.ok()) return row.error();
  if (!row.value()) return std::optional<User>{};
  auto f = r_.load("user", st->text(0));
  if (!f.ok()) return f.error();
  auto u = user_from(**f);
  if (!u.ok()) return u.error();
  return std::optional<User>{std::move(u).value()};
}

Result<std::vector<User>> Users::list() {
  auto st = r_.db().prepare("SELECT id FROM users ORDER BY username");
  std::vector<std::string> ids;
  for (;;) {
    auto row = st->step();
    if (!row.ok()) return row.error();
    if (!row.value()) break;
    ids.push_back(st->text(0));
  }
  std::vector<User> out;
  for (const auto& id : ids) {
    auto f = r_.load("user", id);
    if (!f.ok()) return f.error();
    auto u = user_from(**f);
    if (!u.ok()) return u.error();
    u->password_hash.clear();  // listings never carry hashes
    out.push_back(std::move(u).value());
  }
  return out;
}

Result<std::int64_t> Users::count() {
  auto n = r_.db().query_int("SELECT count(*) FROM users");
  if (!n.ok()) return n.error();
  return n->value_or(0);
}

Result<User> Users::authenticate(const std::string& username, const std::string& password) {
  auto u = by_username(username);
  if (!u.ok()) return u.error();
  const Error denied = make_error(ErrorKind::unauthorized, "login.denied", "wrong username or password");
  if (!u->has_value()) {
    // Spend the same time as a real check so timing does not reveal unknown usernames.
    static const std::string dummy = hash_password("timing-equaliser").value_or("");
    (void)verify_password(dummy, password);
    return denied;
  }
  if (!(*u)->active || !verify_password((*u)->password_hash, password)) return denied;
  return **u;
}

}  // namespace simpul::storage
