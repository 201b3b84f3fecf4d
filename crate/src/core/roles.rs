//! Reading directory roles from page text and giving a verdict.
