// Configuration target.
