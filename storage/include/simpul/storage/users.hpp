#pragma once
// Staff accounts. Passwords are hashed with argon2id (libsodium crypto_pwhash_str); the hash is
// the only thing stored, and sign-in works offline against the replica.
#include <optional>
#include <string>
#include <vector>

#include "simpul/core/model.hpp"
#include "simpul/storage/replica.hpp"

namespace simpul::storage {

// argon2id with libsodium's interactive limits: ~0.1 s and 64 MiB on a laptop.
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& hash, const std::string& password);

class Users {
 public:
  explicit Users(Replica& replica) : r_(replica) {}
  // Password rules: at least 8 characters.
  Result<std::string> create(const Actor& who, User user, const std::string& password);
  Status set_password(const Actor& who, const std::string& user_id, const std::string& password);
  Status set_role(const Actor& who, const std::string& user_id, Role role);
  Status set_active(const Actor& who, const std::string& user_id, bool active);
  Result<std::optional<User>> by_username(const std::string& username);
  Result<std::vector<User>> list();
  Result<std::int64_t> count();
  // Checks the password; unknown user, wrong password and disabled account all give the same error
  // (unauthorized) so the screen does not reveal which usernames exist.
  Result<User> authenticate(const std::string& username, const std::string& password);

 private:
  Replica& r_;
};

}  // namespace simpul::storage
